package com.znyw.jobs.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.znyw.core.kpi.KpiConfig;
import java.util.Objects;

/**
 * A change of a series' reporting state, sent as JSON to the {@code kpi-events} topic:
 *
 * <pre>
 * {"type":"series-silent","eventId":"series-silent:txn_count{host=app-01}:1733300180000",
 *  "series":"txn_count{host=app-01}","kpi":"txn_count","ts":1733300180000,
 *  "lastSeen":1733300050000,"expectedIntervalMs":10000}
 * </pre>
 *
 * <p>{@code ts} is the event time at which the change was decided (the end of the discovery
 * window), and {@code eventId} is stable across replays so consumers can drop duplicates.
 * A Flink POJO.
 */
public class KpiEvent {

    public static final String SERIES_SILENT = "series-silent";
    public static final String SERIES_RESUMED = "series-resumed";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String type;
    public String series;
    public String kpi;
    public long ts;
    /** Event time of the latest point of the series, epoch milliseconds; 0 if never seen. */
    public long lastSeen;
    public long expectedIntervalMs;

    public KpiEvent() {
    }

    /** Creates an event of {@code type} for the registry's state of the series at {@code ts}. */
    public static KpiEvent of(String type, KpiConfig config, long ts) {
        KpiEvent event = new KpiEvent();
        event.type = type;
        event.series = config.series();
        event.kpi = config.kpi();
        event.ts = ts;
        event.lastSeen = config.lastSeen() == null ? 0 : config.lastSeen().toEpochMilli();
        event.expectedIntervalMs = config.expectedIntervalMs();
        return event;
    }

    public String eventId() {
        return type + ":" + series + ":" + ts;
    }

    /** Writes the event as one line of JSON. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("type", type);
        root.put("eventId", eventId());
        root.put("series", series);
        root.put("kpi", kpi);
        root.put("ts", ts);
        root.put("lastSeen", lastSeen);
        root.put("expectedIntervalMs", expectedIntervalMs);
        return root.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KpiEvent that && ts == that.ts && lastSeen == that.lastSeen
                && expectedIntervalMs == that.expectedIntervalMs
                && Objects.equals(type, that.type) && Objects.equals(series, that.series)
                && Objects.equals(kpi, that.kpi);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, series, ts);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
