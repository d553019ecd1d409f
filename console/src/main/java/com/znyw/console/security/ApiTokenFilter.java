package com.znyw.console.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer znyw_...} headers on the REST API. An unknown or
 * revoked token gets a 401 response from the chain's entry point; other schemes pass through to
 * HTTP Basic.
 */
public class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokenService tokens;
    private final ProblemAuthenticationEntryPoint entryPoint;

    public ApiTokenFilter(ApiTokenService tokens, ProblemAuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                    FilterChain chain) throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String presented = header.substring(7).trim();
            var token = tokens.verify(presented);
            if (token.isEmpty()) {
                entryPoint.commence(request, response,
                        new org.springframework.security.authentication.BadCredentialsException(
                                "unknown or revoked API token"));
                return;
            }
            List<SimpleGrantedAuthority> authorities = Role.authorities(List.of(token.get().role()))
                    .stream().map(SimpleGrantedAuthority::new).toList();
            var authentication = UsernamePasswordAuthenticationToken.authenticated(
                    token.get().owner(), null, authorities);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
