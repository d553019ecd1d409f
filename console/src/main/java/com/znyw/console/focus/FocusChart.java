package com.znyw.console.focus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import com.znyw.core.focus.FocusFinding;

/**
 * Grouped bars of real against expected for the top findings, drawn by the custom element
 * {@code <znyw-focus-chart>} with Apache ECharts from its webjar; no npm build is involved.
 */
@Tag("znyw-focus-chart")
@JavaScript("context://webjars/echarts/5.3.1/dist/echarts.min.js")
@JavaScript("context://znyw/echarts-element.js")
@JavaScript("context://znyw/focus/focus-chart.js")
public class FocusChart extends Component implements HasSize {

    static final int MAX_BARS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    public FocusChart() {
        setWidthFull();
        setHeight("340px");
    }

    /** Draws the first {@value #MAX_BARS} findings with the given, already translated labels. */
    public void show(List<FocusFinding> findings, String title, String realLabel,
            String expectedLabel) {
        List<String> categories = new ArrayList<>();
        List<Double> real = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (FocusFinding finding : findings.subList(0, Math.min(MAX_BARS, findings.size()))) {
            categories.add(finding.combination());
            real.add(round(finding.real()));
            expected.add(round(finding.expected()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("realLabel", realLabel);
        data.put("expectedLabel", expectedLabel);
        data.put("categories", categories);
        data.put("real", real);
        data.put("expected", expected);
        try {
            getElement().callJsFunction("setData", JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode the Focus chart data", e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
