package com.znyw.console.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.znyw.console.layout.ErrorNotification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.znyw.console.audit.AuditService;
import com.znyw.console.layout.MainLayout;
import com.znyw.console.layout.TimeFormat;
import com.znyw.console.security.ApiTokenService;
import com.znyw.console.security.CurrentUser;
import com.znyw.console.security.Role;
import com.znyw.console.security.UserAccount;
import com.znyw.console.security.UserService;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.Date;
import org.bson.Document;

/** ADMIN page: users and roles, API tokens (the secret is shown once), the audit log. */
@Route(value = "admin", layout = MainLayout.class)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminView extends VerticalLayout implements HasDynamicTitle {

    private final UserService users;
    private final ApiTokenService tokens;
    private final AuditService audit;
    private final CurrentUser user;
    private final ZoneId zone;
    private final Grid<UserAccount> userGrid = new Grid<>();
    private final Grid<ApiTokenService.TokenInfo> tokenGrid = new Grid<>();
    private final Grid<Document> auditGrid = new Grid<>();

    public AdminView(UserService users, ApiTokenService tokens, AuditService audit, CurrentUser user) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.user = user;
        this.zone = user.zone();
        setId("admin-view");
        add(new H2(getTranslation("nav.admin")), usersSection(), tokensSection(), auditSection());
        load();
    }

    private VerticalLayout usersSection() {
        userGrid.setId("user-grid");
        userGrid.addColumn(UserAccount::username).setHeader(getTranslation("login.username"));
        userGrid.addColumn(u -> u.role().name()).setHeader(getTranslation("admin.role"));
        userGrid.addColumn(UserAccount::locale).setHeader(getTranslation("layout.language"));
        userGrid.addColumn(u -> TimeFormat.format(u.createdAt(), zone)).setHeader(getTranslation("admin.created"));
        userGrid.setAllRowsVisible(true);
        TextField name = new TextField(getTranslation("login.username"));
        name.setId("new-user-name");
        PasswordField password = new PasswordField(getTranslation("login.password"));
        password.setId("new-user-password");
        password.setHelperText(getTranslation("admin.password.help", UserService.MIN_PASSWORD_LENGTH));
        Select<Role> role = new Select<>();
        role.setId("new-user-role");
        role.setLabel(getTranslation("admin.role"));
        role.setItems(Role.values());
        role.setValue(Role.VIEWER);
        Button create = new Button(getTranslation("admin.createUser"), e -> {
            try {
                users.create(user.username(), name.getValue().trim(), password.getValue(), role.getValue());
                name.clear();
                password.clear();
                success(getTranslation("admin.userCreated"));
                load();
            } catch (IllegalArgumentException | IllegalStateException ex) {
                ErrorNotification.show(ex.getMessage());
            }
        });
        create.setId("create-user");
        HorizontalLayout form = new HorizontalLayout(name, password, role, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        VerticalLayout section = new VerticalLayout(new H3(getTranslation("admin.users")), userGrid, form);
        section.setPadding(false);
        return section;
    }

    private VerticalLayout tokensSection() {
        tokenGrid.setId("token-grid");
        tokenGrid.addColumn(ApiTokenService.TokenInfo::id).setHeader("ID");
        tokenGrid.addColumn(ApiTokenService.TokenInfo::name).setHeader(getTranslation("admin.tokenName"));
        tokenGrid.addColumn(t -> t.role().name()).setHeader(getTranslation("admin.role"));
        tokenGrid.addColumn(t -> TimeFormat.format(t.createdAt(), zone)).setHeader(getTranslation("admin.created"));
        tokenGrid.addColumn(t -> t.revoked() ? getTranslation("admin.revoked") : "").setHeader("");
        tokenGrid.addComponentColumn(t -> {
            Button revoke = new Button(getTranslation("admin.revoke"), e -> {
                tokens.revoke(user.username(), t.id());
                load();
            });
            revoke.setId("revoke-" + t.id());
            revoke.setEnabled(!t.revoked());
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return revoke;
        });
        tokenGrid.setAllRowsVisible(true);
        TextField name = new TextField(getTranslation("admin.tokenName"));
        name.setId("new-token-name");
        Select<Role> role = new Select<>();
        role.setId("new-token-role");
        role.setLabel(getTranslation("admin.role"));
        role.setItems(Role.values());
        role.setValue(Role.VIEWER);
        TextField secret = new TextField(getTranslation("admin.tokenSecret"));
        secret.setId("new-token-secret");
        secret.setReadOnly(true);
        secret.setWidth("40em");
        secret.setVisible(false);
        Button create = new Button(getTranslation("admin.createToken"), e -> {
            try {
                var created = tokens.create(user.username(), name.getValue(), user.username(), role.getValue());
                secret.setValue(created.secret());
                secret.setHelperText(getTranslation("admin.tokenOnce"));
                secret.setVisible(true);
                name.clear();
                load();
            } catch (IllegalArgumentException ex) {
                ErrorNotification.show(ex.getMessage());
            }
        });
        create.setId("create-token");
        HorizontalLayout form = new HorizontalLayout(name, role, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        VerticalLayout section = new VerticalLayout(new H3(getTranslation("admin.tokens")), tokenGrid, form, secret);
        section.setPadding(false);
        return section;
    }

    private VerticalLayout auditSection() {
        auditGrid.setId("audit-grid");
        auditGrid.addColumn(d -> TimeFormat.format(((Date) d.get("ts")).toInstant(), zone)).setHeader(getTranslation("anomaly.time"));
        auditGrid.addColumn(d -> d.getString("actor")).setHeader(getTranslation("admin.actor"));
        auditGrid.addColumn(d -> d.getString("action")).setHeader(getTranslation("admin.action"));
        auditGrid.addColumn(d -> d.getString("target")).setHeader(getTranslation("admin.target"));
        auditGrid.addColumn(d -> d.getString("outcome")).setHeader(getTranslation("admin.outcome"));
        auditGrid.addColumn(d -> d.getString("detail")).setHeader(getTranslation("admin.detail")).setFlexGrow(3);
        auditGrid.setHeight("400px");
        VerticalLayout section = new VerticalLayout(new H3(getTranslation("admin.audit")), auditGrid);
        section.setPadding(false);
        return section;
    }

    private void load() {
        userGrid.setItems(users.list());
        tokenGrid.setItems(tokens.list());
        auditGrid.setItems(audit.recent(200));
    }

    private void success(String message) {
        Notification.show(message).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.admin") + " | ZNYW";
    }
}
