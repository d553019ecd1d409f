package com.znyw.console.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;

/**
 * An Apache ECharts line chart of a series: value, expected value, the expected band as a
 * shaded area, and anomalies as red markers. ECharts comes from its webjar and the element from
 * {@code META-INF/resources/znyw/znyw-chart.js}; nothing goes through npm. After drawing, the
 * element sets {@code data-points} and {@code data-anomalies} to the counts it drew.
 */
@Tag("znyw-chart")
@JavaScript("context://webjars/echarts/5.3.1/dist/echarts.min.js")
@JavaScript("context://znyw/echarts-element.js")
@JavaScript("context://znyw/znyw-chart.js")
public class SeriesChart extends Component implements HasSize {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SeriesChart() {
        setWidthFull();
        setHeight("420px");
    }

    public void show(ChartData data) {
        try {
            getElement().callJsFunction("setData", JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart data of " + data.title() + " is not serialisable", e);
        }
    }
}
