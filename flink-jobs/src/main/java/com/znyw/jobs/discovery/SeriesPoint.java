package com.znyw.jobs.discovery;

/**
 * A parsed KPI point reduced to its canonical series key, event time and value, so that no
 * {@code Map} of tags has to pass through Flink's serializers. A Flink POJO.
 */
public class SeriesPoint {

    public String series;
    public long ts;
    public double value;

    public SeriesPoint() {
    }

    public SeriesPoint(String series, long ts, double value) {
        this.series = series;
        this.ts = ts;
        this.value = value;
    }
}
