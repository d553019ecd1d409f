package com.znyw.jobs.detection;

import com.znyw.core.model.InvalidRecordException;
import com.znyw.core.model.KpiPoint;
import com.znyw.core.model.KpiPointCodec;

/**
 * One record read from {@code kpi-points}: either a valid point (series, kpi, ts, value) or the
 * raw text with the reason it was rejected. Parsing happens in the source so that watermarks are
 * generated per Kafka partition from the points' event times.
 *
 * <p>A Flink POJO with only basic-type fields, so no Kryo is involved.
 */
public class IngestedRecord {

    private static final KpiPointCodec CODEC = new KpiPointCodec();

    /** Largest part of a rejected record kept for the dead-letter topic. */
    static final int MAX_RAW_CHARS = 16_384;

    /** Canonical series key; null when the record was rejected. */
    public String series;
    public String kpi;
    public long ts;
    public double value;
    /** Reason the record was rejected; null for a valid point. */
    public String error;
    /** The rejected record's text, cut to {@link #MAX_RAW_CHARS}; null for a valid point. */
    public String raw;

    public IngestedRecord() {
    }

    /** Parses one JSON record; never throws, a bad record comes back with {@link #error} set. */
    public static IngestedRecord parse(String json) {
        IngestedRecord record = new IngestedRecord();
        try {
            KpiPoint point = CODEC.parse(json);
            record.series = point.seriesKey().toString();
            record.kpi = point.kpi;
            record.ts = point.ts;
            record.value = point.value;
        } catch (InvalidRecordException e) {
            record.error = e.getMessage();
            record.raw = json == null ? "" : truncate(json);
        }
        return record;
    }

    public static IngestedRecord point(String series, String kpi, long ts, double value) {
        IngestedRecord record = new IngestedRecord();
        record.series = series;
        record.kpi = kpi;
        record.ts = ts;
        record.value = value;
        return record;
    }

    public boolean isValid() {
        return error == null;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_RAW_CHARS ? text : text.substring(0, MAX_RAW_CHARS);
    }

    @Override
    public String toString() {
        return isValid() ? "IngestedRecord{series=" + series + ", ts=" + ts + ", value=" + value + "}"
                : "IngestedRecord{error=" + error + "}";
    }
}
