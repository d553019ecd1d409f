package com.znyw.console.anomaly;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.znyw.console.kpi.KpiDetailView;
import com.znyw.console.layout.MainLayout;
import com.znyw.console.layout.TimeFormat;
import com.znyw.console.security.CurrentUser;
import com.znyw.console.security.Role;
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

/** Anomalies across all series, newest first; a click opens the series. */
@Route(value = "anomalies", layout = MainLayout.class)
@RolesAllowed(Role.VIEWER_NAME)
public class AnomalyListView extends VerticalLayout implements HasDynamicTitle {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyListView.class);
    private static final List<Duration> RANGES = List.of(Duration.ofHours(1), Duration.ofDays(1),
            Duration.ofDays(7), Duration.ofDays(30));

    private final AnomalyService anomalies;
    private final Clock clock;
    private final Grid<AnomalyService.AnomalyRow> grid = new Grid<>();
    private final Select<Duration> range = new Select<>();

    public AnomalyListView(AnomalyService anomalies, CurrentUser user, Clock clock) {
        this.anomalies = anomalies;
        this.clock = clock;
        setId("anomaly-list-view");
        setSizeFull();
        ZoneId zone = user.zone();

        range.setId("anomaly-range");
        range.setLabel(getTranslation("chart.range"));
        range.setItems(RANGES);
        range.setItemLabelGenerator(d -> getTranslation("anomaly.last", d.toHours() < 24
                ? getTranslation("unit.hours", d.toHours()) : getTranslation("unit.days", d.toDays())));
        range.setValue(Duration.ofDays(1));
        range.addValueChangeListener(e -> load());

        grid.setId("anomaly-list-grid");
        grid.addColumn(r -> TimeFormat.format(r.point().ts, zone)).setHeader(getTranslation("anomaly.time"));
        grid.addColumn(r -> r.point().series).setHeader(getTranslation("kpi.series")).setFlexGrow(3);
        grid.addColumn(r -> String.format(Locale.ROOT, "%.3f", r.point().value)).setHeader(getTranslation("anomaly.value"));
        grid.addColumn(r -> String.format(Locale.ROOT, "%.3f", r.point().expected)).setHeader(getTranslation("anomaly.expected"));
        grid.addColumn(r -> String.format(Locale.ROOT, "%.3f", r.point().score)).setHeader(getTranslation("anomaly.score"));
        grid.addColumn(r -> r.point().detector).setHeader(getTranslation("anomaly.detector"));
        grid.addColumn(r -> r.verdict() == null ? "" : getTranslation("anomaly.verdict." + r.verdict().name()))
                .setHeader(getTranslation("anomaly.verdict"));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(KpiDetailView.class,
                new QueryParameters(Map.of("series", List.of(e.getItem().point().series))))));
        add(new H2(getTranslation("nav.anomalies")), range, grid);
        expand(grid);
        load();
    }

    private void load() {
        Instant to = clock.instant();
        try {
            grid.setItems(anomalies.recent(to.minus(range.getValue()), to, 1000));
        } catch (RuntimeException e) {
            LOG.error("Failed to list anomalies range={}", range.getValue(), e);
            Notification n = Notification.show(getTranslation("chart.loadFailed", e.getMessage()));
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.anomalies") + " | ZNYW";
    }
}
