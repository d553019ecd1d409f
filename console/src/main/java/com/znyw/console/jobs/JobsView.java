package com.znyw.console.jobs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.znyw.console.layout.ErrorNotification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.znyw.console.layout.MainLayout;
import com.znyw.console.security.CurrentUser;
import com.znyw.console.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink jobs with their state and web UI link. In Kubernetes mode an OPERATOR deploys from
 * a template, suspends (with a savepoint), resumes and changes parallelism.
 */
@Route(value = "jobs", layout = MainLayout.class)
@RolesAllowed(Role.VIEWER_NAME)
public class JobsView extends VerticalLayout implements HasDynamicTitle {

    private static final Logger LOG = LoggerFactory.getLogger(JobsView.class);

    private final JobService jobs;
    private final CurrentUser user;
    private final boolean canOperate;
    private final Grid<JobInfo> grid = new Grid<>();
    private final Span status = new Span();

    public JobsView(JobService jobs, CurrentUser user) {
        this.jobs = jobs;
        this.user = user;
        this.canOperate = user.has(Role.OPERATOR) && jobs.managesDeployments();
        setId("jobs-view");
        setSizeFull();

        Span mode = new Span(getTranslation(jobs.managesDeployments() ? "jobs.mode.kubernetes" : "jobs.mode.embedded"));
        mode.setId("jobs-mode");
        status.setId("jobs-status");

        grid.setId("jobs-grid");
        grid.addColumn(JobInfo::name).setHeader(getTranslation("jobs.name")).setFlexGrow(2);
        grid.addColumn(JobInfo::state).setHeader(getTranslation("jobs.state"));
        grid.addColumn(j -> j.lifecycle() == null ? "" : j.lifecycle()).setHeader(getTranslation("jobs.lifecycle"));
        grid.addColumn(j -> j.parallelism() == null ? "" : String.valueOf(j.parallelism()))
                .setHeader(getTranslation("jobs.parallelism"));
        grid.addColumn(j -> j.taskManagerMemory() == null ? "" : j.taskManagerMemory() + " / " + j.taskManagerCpu())
                .setHeader(getTranslation("jobs.resources"));
        java.time.ZoneId zone = user.zone();
        grid.addColumn(j -> startTime(j.startTime(), zone)).setHeader(getTranslation("jobs.started"));
        grid.addComponentColumn(j -> {
            Anchor link = new Anchor(j.webUiUrl(), getTranslation("jobs.webUi"));
            link.setTarget("_blank");
            link.setId("webui-" + j.name());
            return link;
        }).setHeader(getTranslation("jobs.webUi"));
        if (canOperate) {
            grid.addComponentColumn(this::actions).setHeader(getTranslation("anomaly.actions")).setAutoWidth(true);
        }

        Button refresh = new Button(getTranslation("chart.apply"), e -> load());
        refresh.setId("jobs-refresh");
        add(new H2(getTranslation("nav.jobs")), mode, new HorizontalLayout(refresh, status), grid);
        if (canOperate) {
            add(deployForm());
        }
        expand(grid);
        load();
    }

    private HorizontalLayout actions(JobInfo job) {
        Button suspend = new Button(getTranslation("jobs.suspend"),
                e -> run(() -> jobs.suspend(user.username(), job.name()), "jobs.suspended", job.name()));
        suspend.setId("suspend-" + job.name());
        Button resume = new Button(getTranslation("jobs.resume"),
                e -> run(() -> jobs.resume(user.username(), job.name()), "jobs.resumed", job.name()));
        resume.setId("resume-" + job.name());
        IntegerField parallelism = new IntegerField();
        parallelism.setId("parallelism-" + job.name());
        parallelism.setMin(1);
        parallelism.setMax(256);
        parallelism.setWidth("6em");
        parallelism.setValue(job.parallelism());
        Button scale = new Button(getTranslation("jobs.scale"), e -> {
            if (parallelism.getValue() == null) {
                ErrorNotification.show(getTranslation("jobs.parallelism.invalid"));
                return;
            }
            run(() -> jobs.scale(user.username(), job.name(), parallelism.getValue()), "jobs.scaled", job.name());
        });
        scale.setId("scale-" + job.name());
        for (Button b : new Button[] {suspend, resume, scale}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        }
        return new HorizontalLayout(suspend, resume, parallelism, scale);
    }

    private VerticalLayout deployForm() {
        Select<String> template = new Select<>();
        template.setId("deploy-template");
        template.setLabel(getTranslation("jobs.template"));
        template.setItems(jobs.templates());
        template.setValue(jobs.templates().get(0));

        TextField name = new TextField(getTranslation("jobs.name"));
        name.setId("deploy-name");
        name.setHelperText(getTranslation("jobs.name.help"));
        IntegerField parallelism = new IntegerField(getTranslation("jobs.parallelism"));
        parallelism.setId("deploy-parallelism");
        parallelism.setMin(1);
        parallelism.setMax(256);
        parallelism.setValue(2);
        TextField memory = new TextField(getTranslation("jobs.memory"));
        memory.setId("deploy-memory");
        memory.setValue("2048m");
        NumberField cpu = new NumberField(getTranslation("jobs.cpu"));
        cpu.setId("deploy-cpu");
        cpu.setMin(0.1);
        cpu.setMax(32);
        cpu.setValue(1.0);

        Button deploy = new Button(getTranslation("jobs.deploy"), e -> {
            if (parallelism.getValue() == null || cpu.getValue() == null) {
                ErrorNotification.show(getTranslation("jobs.parallelism.invalid"));
                return;
            }
            DeployRequest request = new DeployRequest(template.getValue(), name.getValue().trim(),
                    parallelism.getValue(), memory.getValue().trim(), cpu.getValue());
            run(() -> jobs.deploy(user.username(), request), "jobs.deployed", template.getValue());
        });
        deploy.setId("deploy-button");
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(template, name, parallelism, memory, cpu);
        VerticalLayout section = new VerticalLayout(new H3(getTranslation("jobs.deployTitle")), form, deploy);
        section.setPadding(false);
        return section;
    }

    private void run(Supplier<JobInfo> action, String messageKey, String target) {
        try {
            JobInfo result = action.get();
            Notification ok = Notification.show(getTranslation(messageKey, result.name()));
            ok.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            load();
        } catch (IllegalArgumentException | IllegalStateException | JobNotFoundException
                 | UnsupportedJobActionException e) {
            ErrorNotification.show(getTranslation("jobs.failed", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Job action failed target={}", target, e);
            ErrorNotification.show(getTranslation("jobs.failed", e.getMessage()));
        }
    }

    private void load() {
        try {
            grid.setItems(jobs.list());
            status.setText(jobs instanceof FlinkRestJobService local ? summary(local) : "");
        } catch (RuntimeException e) {
            LOG.warn("Failed to list jobs: {}", e.getMessage());
            grid.setItems();
            status.setText(getTranslation("jobs.unavailable", e.getMessage()));
        }
    }

    /** Formats a start time given as epoch milliseconds (operator status) or ISO-8601 (REST). */
    private static String startTime(String text, java.time.ZoneId zone) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            return com.znyw.console.layout.TimeFormat.format(text.chars().allMatch(Character::isDigit)
                    ? java.time.Instant.ofEpochMilli(Long.parseLong(text)) : java.time.Instant.parse(text), zone);
        } catch (RuntimeException e) {
            return text;
        }
    }

    private String summary(FlinkRestJobService local) {
        var overview = local.clusterOverview();
        return getTranslation("jobs.cluster", overview.path("flink-version").asText("?"),
                overview.path("taskmanagers").asInt(), overview.path("slots-available").asInt(),
                overview.path("slots-total").asInt(), overview.path("jobs-running").asInt());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.jobs") + " | ZNYW";
    }
}
