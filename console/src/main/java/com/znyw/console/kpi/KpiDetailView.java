package com.znyw.console.kpi;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.znyw.console.layout.ErrorNotification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.znyw.console.anomaly.FeedbackService;
import com.znyw.console.anomaly.Verdict;
import com.znyw.console.layout.MainLayout;
import com.znyw.console.layout.TimeFormat;
import com.znyw.console.security.CurrentUser;
import com.znyw.console.security.Role;
import com.znyw.core.kpi.InvalidKpiConfigException;
import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.kpi.VersionConflictException;
import com.znyw.core.model.ScoredPoint;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One series: time-range picker, chart of value, band and anomalies, the configuration (editable
 * by OPERATOR, saved with optimistic locking) and its anomalies with verdict buttons.
 * Opened as {@code kpi?series=<canonical series key>}.
 */
@Route(value = "kpi", layout = MainLayout.class)
@RolesAllowed(Role.VIEWER_NAME)
public class KpiDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** Preset ranges of the picker; CUSTOM uses the two date-time fields. */
    enum Range {
        H1(Duration.ofHours(1)), H6(Duration.ofHours(6)), D1(Duration.ofDays(1)),
        D7(Duration.ofDays(7)), D30(Duration.ofDays(30)), CUSTOM(null);

        final Duration length;

        Range(Duration length) {
            this.length = length;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(KpiDetailView.class);

    private final KpiService kpis;
    private final ChartService charts;
    private final FeedbackService feedback;
    private final CurrentUser user;
    private final Clock clock;
    private final ZoneId zone;
    private final boolean canEdit;

    private final H2 title = new H2();
    private final Span seriesLabel = new Span();
    private final Select<Range> range = new Select<>();
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final SeriesChart chart = new SeriesChart();
    private final TextField displayName = new TextField();
    private final TextField unit = new TextField();
    private final TextField owner = new TextField();
    private final Checkbox enabled = new Checkbox();
    private final NumberField sensitivity = new NumberField();
    private final Span version = new Span();
    private final Button save = new Button();
    private final Grid<ScoredPoint> anomalyGrid = new Grid<>();
    private final VerticalLayout body = new VerticalLayout();
    private final Span notFound = new Span();

    private KpiConfig config;
    private Map<String, FeedbackService.Feedback> verdicts = Map.of();

    public KpiDetailView(KpiService kpis, ChartService charts, FeedbackService feedback,
                         CurrentUser user, Clock clock) {
        this.kpis = kpis;
        this.charts = charts;
        this.feedback = feedback;
        this.user = user;
        this.clock = clock;
        this.zone = user.zone();
        this.canEdit = user.has(Role.OPERATOR);
        setId("kpi-detail-view");
        setWidthFull();

        title.setId("kpi-title");
        seriesLabel.setId("kpi-series");
        notFound.setId("kpi-not-found");
        notFound.setVisible(false);

        range.setId("range-select");
        range.setLabel(getTranslation("chart.range"));
        range.setItems(Range.values());
        range.setItemLabelGenerator(r -> getTranslation("chart.range." + r.name()));
        range.setValue(Range.D1);
        from.setId("range-from");
        from.setLabel(getTranslation("chart.from"));
        to.setId("range-to");
        to.setLabel(getTranslation("chart.to"));
        from.setVisible(false);
        to.setVisible(false);
        range.addValueChangeListener(e -> {
            boolean custom = e.getValue() == Range.CUSTOM;
            from.setVisible(custom);
            to.setVisible(custom);
            if (!custom) {
                refresh();
            }
        });
        Button apply = new Button(getTranslation("chart.apply"), e -> refresh());
        apply.setId("range-apply");
        HorizontalLayout picker = new HorizontalLayout(range, from, to, apply);
        picker.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        chart.setId("series-chart");

        body.setPadding(false);
        body.add(picker, chart, configForm(), anomalySection());
        add(title, seriesLabel, notFound, body);
    }

    private VerticalLayout configForm() {
        displayName.setId("cfg-display-name");
        displayName.setLabel(getTranslation("kpi.name"));
        unit.setId("cfg-unit");
        unit.setLabel(getTranslation("kpi.unit"));
        owner.setId("cfg-owner");
        owner.setLabel(getTranslation("kpi.owner"));
        enabled.setId("cfg-enabled");
        enabled.setLabel(getTranslation("kpi.enabled"));
        sensitivity.setId("cfg-sensitivity");
        sensitivity.setLabel(getTranslation("kpi.sensitivity"));
        sensitivity.setHelperText(getTranslation("kpi.sensitivity.help"));
        sensitivity.setMin(0);
        sensitivity.setMax(10);
        sensitivity.setStep(0.5);
        sensitivity.setStepButtonsVisible(true);
        version.setId("cfg-version");
        save.setId("cfg-save");
        save.setText(getTranslation("kpi.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        for (var field : List.of(displayName, unit, owner)) {
            field.setReadOnly(!canEdit);
        }
        enabled.setReadOnly(!canEdit);
        sensitivity.setReadOnly(!canEdit);
        save.setVisible(canEdit);
        Span readOnly = new Span(getTranslation("kpi.readOnly"));
        readOnly.setId("cfg-read-only");
        readOnly.setVisible(!canEdit);

        FormLayout form = new FormLayout(displayName, unit, owner, sensitivity, enabled);
        form.setId("cfg-form");
        VerticalLayout section = new VerticalLayout(new H3(getTranslation("kpi.config")), form,
                new HorizontalLayout(save, version, readOnly));
        section.setPadding(false);
        return section;
    }

    private VerticalLayout anomalySection() {
        anomalyGrid.setId("anomaly-grid");
        anomalyGrid.addColumn(p -> TimeFormat.format(p.ts, zone)).setHeader(getTranslation("anomaly.time"));
        anomalyGrid.addColumn(p -> String.format(Locale.ROOT, "%.3f", p.value)).setHeader(getTranslation("anomaly.value"));
        anomalyGrid.addColumn(p -> String.format(Locale.ROOT, "%.3f .. %.3f", p.lower, p.upper))
                .setHeader(getTranslation("anomaly.band"));
        anomalyGrid.addColumn(p -> String.format(Locale.ROOT, "%.3f", p.score)).setHeader(getTranslation("anomaly.score"));
        anomalyGrid.addColumn(p -> {
            FeedbackService.Feedback f = verdicts.get(FeedbackService.id(p.series, p.ts));
            return f == null ? "" : getTranslation("anomaly.verdict." + f.verdict().name());
        }).setHeader(getTranslation("anomaly.verdict")).setKey("verdict");
        anomalyGrid.addComponentColumn(p -> {
            HorizontalLayout buttons = new HorizontalLayout();
            if (canEdit) {
                Button confirm = new Button(getTranslation("anomaly.confirm"),
                        e -> judge(p, Verdict.CONFIRMED));
                confirm.setId("confirm-" + p.ts);
                confirm.addThemeVariants(ButtonVariant.LUMO_SMALL);
                Button falseAlarm = new Button(getTranslation("anomaly.falseAlarm"),
                        e -> judge(p, Verdict.FALSE_ALARM));
                falseAlarm.setId("false-alarm-" + p.ts);
                falseAlarm.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                buttons.add(confirm, falseAlarm);
            }
            return buttons;
        }).setHeader(getTranslation("anomaly.actions")).setAutoWidth(true);
        anomalyGrid.setAllRowsVisible(true);
        VerticalLayout section = new VerticalLayout(new H3(getTranslation("anomaly.recent")), anomalyGrid);
        section.setPadding(false);
        return section;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> values = event.getLocation().getQueryParameters().getParameters()
                .getOrDefault("series", List.of());
        String series = values.isEmpty() ? "" : values.get(0);
        try {
            config = kpis.find(series).orElse(null);
        } catch (IllegalArgumentException e) {
            config = null;
        }
        if (config == null) {
            body.setVisible(false);
            notFound.setText(getTranslation("kpi.notFound", series));
            notFound.setVisible(true);
            return;
        }
        showConfig();
        refresh();
    }

    private void showConfig() {
        title.setText(config.displayName());
        seriesLabel.setText(config.series());
        displayName.setValue(config.displayName());
        unit.setValue(config.unit());
        owner.setValue(config.owner());
        enabled.setValue(config.enabled());
        sensitivity.setValue(config.sensitivity());
        version.setText(getTranslation("kpi.version", config.version()));
    }

    private void refresh() {
        if (config == null) {
            return;
        }
        Instant end = clock.instant();
        Instant start;
        if (range.getValue() == Range.CUSTOM) {
            if (from.getValue() == null || to.getValue() == null) {
                ErrorNotification.show(getTranslation("chart.range.missing"));
                return;
            }
            start = from.getValue().atZone(zone).toInstant();
            end = to.getValue().atZone(zone).toInstant();
            if (!start.isBefore(end)) {
                ErrorNotification.show(getTranslation("chart.range.invalid", TimeFormat.format(start, zone),
                        TimeFormat.format(end, zone)));
                return;
            }
        } else {
            start = end.minus(range.getValue().length);
        }
        try {
            ChartData data = charts.chart(config.seriesKey(), start, end, config.expectedIntervalMs(),
                    config.displayName(), config.unit(), zone.getId(), getLocale().toLanguageTag());
            chart.show(data.withLabels(Map.of("value", getTranslation("anomaly.value"),
                    "expected", getTranslation("anomaly.expected"),
                    "anomaly", getTranslation("anomaly.recent"))));
            List<ScoredPoint> anomalies = charts.anomalies(config.seriesKey(), start, end);
            verdicts = feedback.find(anomalies.stream().map(p -> FeedbackService.id(p.series, p.ts)).toList());
            anomalyGrid.setItems(anomalies);
        } catch (RuntimeException e) {
            LOG.error("Failed to load the chart series={} from={} to={}", config.series(), start, end, e);
            ErrorNotification.show(getTranslation("chart.loadFailed", e.getMessage()));
        }
    }

    private void save() {
        if (!user.has(Role.OPERATOR)) {
            ErrorNotification.show(getTranslation("kpi.readOnly"));
            return;
        }
        if (sensitivity.getValue() == null || sensitivity.isInvalid()) {
            sensitivity.setInvalid(true);
            sensitivity.setErrorMessage(getTranslation("kpi.sensitivity.invalid"));
            return;
        }
        KpiConfig changed = config.withDisplayName(displayName.getValue().trim())
                .withUnit(unit.getValue().trim()).withOwner(owner.getValue().trim())
                .withEnabled(enabled.getValue()).withSensitivity(sensitivity.getValue());
        try {
            config = kpis.update(user.username(), config, changed);
            showConfig();
            Notification ok = Notification.show(getTranslation("kpi.saved", config.version()));
            ok.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            ok.setId("cfg-saved");
        } catch (VersionConflictException e) {
            ErrorNotification.show(getTranslation("kpi.conflict", e.currentVersion()));
        } catch (InvalidKpiConfigException e) {
            ErrorNotification.show(getTranslation("kpi.invalid", e.getMessage()));
        }
    }

    private void judge(ScoredPoint point, Verdict verdict) {
        if (!user.has(Role.OPERATOR)) {
            ErrorNotification.show(getTranslation("kpi.readOnly"));
            return;
        }
        feedback.record(user.username(), point.series, point.ts, verdict);
        verdicts = new java.util.HashMap<>(verdicts);
        verdicts.put(FeedbackService.id(point.series, point.ts),
                new FeedbackService.Feedback(point.series, point.ts, verdict, user.username(), 0));
        anomalyGrid.getDataProvider().refreshItem(point);
        Notification.show(getTranslation("anomaly.recorded", getTranslation("anomaly.verdict." + verdict.name())));
    }

    @Override
    public String getPageTitle() {
        return (config == null ? getTranslation("nav.kpis") : config.displayName()) + " | ZNYW";
    }
}
