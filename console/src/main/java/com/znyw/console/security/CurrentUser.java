package com.znyw.console.security;

import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user of the current UI: name, roles, display zone. */
@SpringComponent
public class CurrentUser {

    private final AuthenticationContext context;
    private final UserService users;
    private final com.znyw.console.config.ZnywProperties properties;

    public CurrentUser(AuthenticationContext context, UserService users,
                       com.znyw.console.config.ZnywProperties properties) {
        this.context = context;
        this.users = users;
        this.properties = properties;
    }

    public String username() {
        return context.getPrincipalName().orElse("anonymous");
    }

    public boolean has(Role role) {
        return context.hasRole(role.name());
    }

    public Optional<UserAccount> account() {
        return context.getAuthenticatedUser(UserDetails.class)
                .flatMap(details -> users.find(details.getUsername()));
    }

    /** Returns the user's chosen zone, else {@code znyw.ui.zone}. */
    public ZoneId zone() {
        return account().map(UserAccount::zone).filter(z -> z != null && !z.isBlank())
                .map(ZoneId::of).orElse(ZoneId.of(properties.ui().zone()));
    }

    public void logout() {
        context.logout();
    }
}
