package com.znyw.core.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One KPI observation, as carried on the {@code kpi-points} Kafka topic and in replay CSVs.
 *
 * <p>A mutable POJO with a public no-argument constructor so that Flink serializes it as a POJO;
 * jobs declare the {@code tags} field's type explicitly, because a raw {@code Map} field would
 * otherwise fall back to Kryo.
 */
public class KpiPoint {

    /** KPI name, matching {@link SeriesKey#NAME_PATTERN}. */
    public String kpi;
    /** Event time in epoch milliseconds. */
    public long ts;
    /** Observed value; always finite once validated. */
    public double value;
    /** Tags such as host or idc; never null after validation. */
    public Map<String, String> tags = new HashMap<>();

    public KpiPoint() {
    }

    public KpiPoint(String kpi, long ts, double value, Map<String, String> tags) {
        this.kpi = kpi;
        this.ts = ts;
        this.value = value;
        this.tags = tags == null ? new HashMap<>() : new HashMap<>(tags);
    }

    /** Returns the series this point belongs to; validates the name and tags. */
    public SeriesKey seriesKey() {
        return SeriesKey.of(kpi, tags);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KpiPoint point && ts == point.ts
                && Double.compare(value, point.value) == 0
                && Objects.equals(kpi, point.kpi) && Objects.equals(tags, point.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kpi, ts, value, tags);
    }

    @Override
    public String toString() {
        return "KpiPoint{kpi=" + kpi + ", ts=" + ts + ", value=" + value + ", tags=" + tags + "}";
    }
}
