package com.znyw.console.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.znyw.console.i18n.ZnywI18NProvider;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/** Sign-in page: Spring Security's form login posting to {@code /login}. */
@Route("login")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();
    private final Paragraph notice = new Paragraph();

    public LoginView() {
        setId("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        form.setId("login-form");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n());

        notice.setId("login-notice");
        notice.getStyle().set("color", "var(--lumo-error-text-color)");
        notice.setVisible(false);

        Button chinese = languageButton("login-lang-zh", "中文", ZnywI18NProvider.CHINESE);
        Button english = languageButton("login-lang-en", "English", ZnywI18NProvider.ENGLISH);
        H1 title = new H1(getTranslation("app.title"));
        title.setId("login-title");
        add(title, form, notice, new HorizontalLayout(chinese, english));
    }

    private Button languageButton(String id, String label, Locale locale) {
        Button button = new Button(label, e -> {
            VaadinSession.getCurrent().setAttribute(UserLocaleListener.LOCALE_CHOSEN, Boolean.TRUE);
            VaadinSession.getCurrent().setLocale(locale);
            UI.getCurrent().getPage().reload();
        });
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    private LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            form.setError(true);
            HttpSession session = VaadinServletRequest.getCurrent() == null ? null
                    : VaadinServletRequest.getCurrent().getHttpServletRequest().getSession(false);
            Object last = session == null ? null
                    : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            if (last instanceof LockedException) {
                notice.setText(getTranslation("login.locked"));
                notice.setVisible(true);
            }
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " | ZNYW";
    }
}
