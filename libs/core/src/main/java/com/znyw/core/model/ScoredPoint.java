package com.znyw.core.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The detection result for one point: what the time-series store holds in measurement
 * {@code kpi_score} and, for anomalous points, what the {@code anomalies} Kafka topic carries.
 *
 * <p>A Flink POJO; jobs declare the type of {@code tags} explicitly to keep Kryo out.
 */
public class ScoredPoint {

    /** Measurement name in the time-series store. */
    public static final String MEASUREMENT = "kpi_score";

    /** Canonical series key, see {@link SeriesKey#toString()}. */
    public String series;
    public String kpi;
    public Map<String, String> tags = new HashMap<>();
    /** Event time in epoch milliseconds. */
    public long ts;
    public double value;
    public double expected;
    public double lower;
    public double upper;
    /** Anomaly score in 0..1. */
    public double score;
    public boolean anomaly;
    /** Model component that contributed most to the score. */
    public String detector;
    /** Version of the model that scored the point; {@code "online"} for the self-learning one. */
    public String modelVersion;

    public ScoredPoint() {
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoredPoint that && ts == that.ts
                && Double.compare(value, that.value) == 0
                && Double.compare(expected, that.expected) == 0
                && Double.compare(lower, that.lower) == 0
                && Double.compare(upper, that.upper) == 0
                && Double.compare(score, that.score) == 0
                && anomaly == that.anomaly
                && Objects.equals(series, that.series) && Objects.equals(kpi, that.kpi)
                && Objects.equals(tags, that.tags) && Objects.equals(detector, that.detector)
                && Objects.equals(modelVersion, that.modelVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, ts);
    }

    @Override
    public String toString() {
        return "ScoredPoint{series=" + series + ", ts=" + ts + ", value=" + value
                + ", expected=" + expected + ", band=[" + lower + ", " + upper + "], score="
                + score + ", anomaly=" + anomaly + ", detector=" + detector + "}";
    }
}
