package com.znyw.console.security;

import com.znyw.console.audit.AuditService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Password sign-in (form and HTTP Basic) against the {@code users} collection, with the
 * lock-out of {@link LoginAttemptService}. Every failure and lock-out is audited; successful
 * form sign-ins are audited too, API calls with Basic credentials are not (one per request).
 */
@Component
public class ConsoleAuthenticationProvider implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuthenticationProvider.class);

    private final DaoAuthenticationProvider delegate;
    private final LoginAttemptService attempts;
    private final AuditService audit;

    public ConsoleAuthenticationProvider(UserService users, PasswordEncoder encoder,
                                         LoginAttemptService attempts, AuditService audit) {
        UserDetailsService details = username -> users.find(username)
                .map(account -> User.withUsername(account.username())
                        .password(account.passwordHash())
                        .disabled(!account.enabled())
                        .authorities(Role.authorities(java.util.List.of(account.role()))
                                .toArray(String[]::new))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no user " + username));
        this.delegate = new DaoAuthenticationProvider(details);
        this.delegate.setPasswordEncoder(encoder);
        this.attempts = attempts;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        if (attempts.isLocked(username)) {
            audit.record(username, "login.locked", username, "denied", "sign-in refused during lock-out");
            throw new LockedException("user " + username + " is locked out after repeated failed sign-ins");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            attempts.succeeded(username);
            if (!isApiRequest()) {
                audit.record(username, "login.ok", username, "ok", null);
                LOG.info("Sign-in user={}", username);
            }
            return result;
        } catch (BadCredentialsException | DisabledException e) {
            boolean lockedNow = attempts.failed(username);
            audit.record(username, "login.failed", username, "failed",
                    lockedNow ? "bad credentials; user locked out" : "bad credentials");
            LOG.warn("Failed sign-in user={} lockedNow={}", username, lockedNow);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static boolean isApiRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                && attrs.getRequest().getRequestURI().startsWith("/api/");
    }
}
