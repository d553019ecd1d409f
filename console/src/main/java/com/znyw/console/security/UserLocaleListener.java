package com.znyw.console.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.znyw.console.i18n.ZnywI18NProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Applies the signed-in user's stored language to each new UI, so the choice follows the user
 * across browsers and sessions. Before sign-in the session's choice (or Chinese) applies.
 */
@Component
public class UserLocaleListener implements VaadinServiceInitListener {

    private final UserService users;

    public UserLocaleListener(UserService users) {
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            VaadinSession session = init.getUI().getSession();
            if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())) {
                users.find(auth.getName()).ifPresent(account -> {
                    session.setLocale(ZnywI18NProvider.fromTag(account.locale()));
                });
            } else if (session.getAttribute(LOCALE_CHOSEN) == null) {
                session.setLocale(ZnywI18NProvider.CHINESE);
            }
            init.getUI().setLocale(session.getLocale());
        });
    }

    /** Session attribute set when a signed-out visitor picked a language on the login page. */
    public static final String LOCALE_CHOSEN = "znyw.localeChosen";
}
