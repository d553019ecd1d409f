package com.znyw.console.kpi;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.znyw.console.layout.MainLayout;
import com.znyw.console.layout.TimeFormat;
import com.znyw.console.security.CurrentUser;
import com.znyw.console.security.Role;
import com.znyw.core.kpi.KpiState;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The KPI list: search, tag and state filters, sort by latest score, paged on the server. */
@Route(value = "kpis", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@RolesAllowed(Role.VIEWER_NAME)
public class KpiListView extends VerticalLayout implements HasDynamicTitle {

    private final KpiService kpis;
    private final Grid<KpiRow> grid = new Grid<>();
    private final TextField search = new TextField();
    private final TextField tag = new TextField();
    private final ComboBox<KpiState> state = new ComboBox<>();
    private KpiFilter filter = KpiFilter.none();

    public KpiListView(KpiService kpis, CurrentUser user) {
        this.kpis = kpis;
        setId("kpi-list-view");
        setSizeFull();
        ZoneId zone = user.zone();

        search.setId("kpi-search");
        search.setPlaceholder(getTranslation("kpi.search"));
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        tag.setId("kpi-tag-filter");
        tag.setPlaceholder(getTranslation("kpi.tag.placeholder"));
        tag.setClearButtonVisible(true);
        tag.setValueChangeMode(ValueChangeMode.LAZY);
        state.setId("kpi-state-filter");
        state.setPlaceholder(getTranslation("kpi.state"));
        state.setItems(KpiState.values());
        state.setItemLabelGenerator(s -> getTranslation("kpi.state." + s.name()));
        state.setClearButtonVisible(true);
        search.addValueChangeListener(e -> applyFilter());
        tag.addValueChangeListener(e -> applyFilter());
        state.addValueChangeListener(e -> applyFilter());

        grid.setId("kpi-grid");
        grid.addColumn(r -> r.config().displayName()).setHeader(getTranslation("kpi.name"))
                .setKey(KpiSort.SERIES.name()).setSortable(true).setFlexGrow(3);
        grid.addColumn(r -> r.config().series()).setHeader(getTranslation("kpi.series")).setFlexGrow(3);
        grid.addColumn(r -> getTranslation("kpi.state." + r.config().state().name()))
                .setHeader(getTranslation("kpi.state")).setKey(KpiSort.STATE.name()).setSortable(true);
        grid.addColumn(r -> r.latest() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.latest().score()))
                .setHeader(getTranslation("kpi.latestScore")).setKey(KpiSort.LATEST_SCORE.name())
                .setSortable(true);
        grid.addColumn(r -> r.latest() == null ? "" : TimeFormat.format(r.latest().ts(), zone))
                .setHeader(getTranslation("kpi.latestTime"));
        grid.addColumn(r -> r.config().owner()).setHeader(getTranslation("kpi.owner"));
        grid.addColumn(r -> TimeFormat.format(r.config().updatedAt(), zone))
                .setHeader(getTranslation("kpi.updatedAt")).setKey(KpiSort.UPDATED_AT.name())
                .setSortable(true);
        grid.setPageSize(50);
        grid.setMultiSort(false);
        grid.setItems(query -> {
            KpiSort sort = KpiSort.SERIES;
            boolean descending = false;
            if (!query.getSortOrders().isEmpty()) {
                var order = query.getSortOrders().get(0);
                sort = KpiSort.valueOf(order.getSorted());
                descending = order.getDirection() == SortDirection.DESCENDING;
            }
            return kpis.page(filter, sort, descending, query.getOffset(), query.getLimit()).stream();
        }, query -> (int) kpis.count(filter));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(KpiDetailView.class,
                new QueryParameters(Map.of("series", List.of(e.getItem().config().series()))))));

        Span total = new Span();
        total.setId("kpi-total");
        grid.getDataProvider().addDataProviderListener(e -> total.setText(
                getTranslation("kpi.total", kpis.count(filter))));
        total.setText(getTranslation("kpi.total", kpis.count(filter)));

        H2 title = new H2(getTranslation("nav.kpis"));
        HorizontalLayout filters = new HorizontalLayout(search, tag, state, total);
        filters.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(title, filters, grid);
        expand(grid);
    }

    private void applyFilter() {
        try {
            filter = new KpiFilter(search.getValue(), tag.getValue(), state.getValue());
            tag.setInvalid(false);
        } catch (IllegalArgumentException e) {
            tag.setInvalid(true);
            tag.setErrorMessage(getTranslation("kpi.tag.invalid", tag.getValue()));
            return;
        }
        grid.getDataProvider().refreshAll();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.kpis") + " | ZNYW";
    }
}
