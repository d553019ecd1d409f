package com.znyw.core.kpi;

/** No configuration exists for the series; it was deleted or never registered. */
public class KpiConfigNotFoundException extends RuntimeException {

    private final String series;

    public KpiConfigNotFoundException(String series) {
        super("no KPI configuration for series '" + series
                + "': reload the list, it may have been deleted");
        this.series = series;
    }

    public String series() {
        return series;
    }
}
