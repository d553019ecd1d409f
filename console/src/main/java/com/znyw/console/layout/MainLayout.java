package com.znyw.console.layout;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.znyw.console.i18n.ZnywI18NProvider;
import com.znyw.console.security.Role;
import com.znyw.console.security.UserService;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;

/**
 * The frame of every signed-in page: title bar with user, language switch and sign-out; side
 * navigation that shows only what the user's role may open. Views use it with
 * {@code @Route(value = "...", layout = MainLayout.class)}. The Focus page ({@code focus}) gets
 * an entry when its route is registered.
 */
@PermitAll
public class MainLayout extends AppLayout {

    /** Time zones offered in the header; a zone stored for the user is added if missing. */
    static final java.util.List<String> ZONES = java.util.List.of("Asia/Shanghai", "Asia/Hong_Kong",
            "Asia/Singapore", "Asia/Tokyo", "Europe/London", "America/New_York", "UTC");

    private final AuthenticationContext auth;
    private final UserService users;

    public MainLayout(AuthenticationContext auth, UserService users) {
        this.auth = auth;
        this.users = users;
        setId("main-layout");
        setPrimarySection(Section.DRAWER);
        addToNavbar(new DrawerToggle(), header());
        addToDrawer(navigation());
    }

    private HorizontalLayout header() {
        Span title = new Span(getTranslation("app.title"));
        title.setId("app-title");
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");

        Select<Locale> language = new Select<>();
        language.setId("language-select");
        language.setItems(ZnywI18NProvider.CHINESE, ZnywI18NProvider.ENGLISH);
        language.setItemLabelGenerator(l -> l.getLanguage().equals("en") ? "English" : "中文");
        language.setValue(ZnywI18NProvider.supported(UI.getCurrent().getLocale()));
        language.setAriaLabel(getTranslation("layout.language"));
        language.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                users.updateLocale(username(), e.getValue().toLanguageTag());
                VaadinSession.getCurrent().setLocale(e.getValue());
                UI.getCurrent().getPage().reload();
            }
        });

        Select<String> zone = new Select<>();
        zone.setId("zone-select");
        zone.setItems(ZONES);
        zone.setAriaLabel(getTranslation("layout.zone"));
        zone.setTooltipText(getTranslation("layout.zone"));
        String current = users.find(username()).map(u -> u.zone()).orElse(ZONES.get(0));
        if (!ZONES.contains(current)) {
            zone.setItems(java.util.stream.Stream.concat(ZONES.stream(), java.util.stream.Stream.of(current)).toList());
        }
        zone.setValue(current);
        zone.setWidth("12em");
        zone.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                users.updateZone(username(), e.getValue());
                UI.getCurrent().getPage().reload();
            }
        });

        Span user = new Span(getTranslation("layout.user", username()));
        user.setId("current-user");
        Button logout = new Button(getTranslation("layout.logout"), VaadinIcon.SIGN_OUT.create(),
                e -> auth.logout());
        logout.setId("logout-button");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout bar = new HorizontalLayout(title, user, zone, language, logout);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.setWidthFull();
        bar.expand(title);
        bar.getStyle().set("padding-right", "var(--lumo-space-m)");
        return bar;
    }

    private SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("side-nav");
        nav.addItem(item("nav-kpis", "nav.kpis", "kpis", VaadinIcon.DASHBOARD));
        nav.addItem(item("nav-anomalies", "nav.anomalies", "anomalies", VaadinIcon.WARNING));
        nav.addItem(item("nav-jobs", "nav.jobs", "jobs", VaadinIcon.COGS));
        if (RouteConfiguration.forApplicationScope().isPathAvailable("focus")) {
            nav.addItem(item("nav-focus", "nav.focus", "focus", VaadinIcon.SEARCH));
        }
        SideNavItem apiDocs = new SideNavItem(getTranslation("nav.api"), "swagger-ui.html",
                VaadinIcon.CODE.create());
        apiDocs.setId("nav-api");
        apiDocs.setOpenInNewBrowserTab(true);
        apiDocs.setRouterIgnore(true);
        nav.addItem(apiDocs);
        if (auth.hasRole(Role.ADMIN.name())) {
            nav.addItem(item("nav-admin", "nav.admin", "admin", VaadinIcon.KEY));
        }
        return nav;
    }

    private SideNavItem item(String id, String key, String path, VaadinIcon icon) {
        SideNavItem item = new SideNavItem(getTranslation(key), path, icon.create());
        item.setId(id);
        return item;
    }

    private String username() {
        return auth.getPrincipalName().orElse("");
    }
}
