package com.znyw.console.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two filter chains: the REST API ({@code /api/**}: stateless, HTTP Basic or API tokens, role
 * per method) and everything else (Vaadin views with form sign-in, role per view through
 * {@code @RolesAllowed}).
 *
 * <p>API rules: reading ({@code GET}) needs VIEWER, changing needs OPERATOR, tokens and users
 * need ADMIN. Controllers may narrow further with {@code @RolesAllowed}.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
public class SecurityConfig extends VaadinWebSecurity {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    ProblemAuthenticationEntryPoint problemEntryPoint(ObjectMapper json) {
        return new ProblemAuthenticationEntryPoint(json);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiTokenService tokens,
                                       ProblemAuthenticationEntryPoint problems) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .addFilterBefore(new ApiTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/tokens/**", "/api/v1/users/**").hasRole(Role.ADMIN_NAME)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER_NAME)
                        .anyRequest().hasRole(Role.OPERATOR_NAME));
        return http.build();
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        // Static chart scripts (ECharts webjar, the chart element) hold no data.
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/webjars/echarts/**", "/znyw/**")
                .permitAll());
        super.configure(http);
        setLoginView(http, LoginView.class, "/login");
    }
}
