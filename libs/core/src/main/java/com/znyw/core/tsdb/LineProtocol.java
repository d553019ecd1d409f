package com.znyw.core.tsdb;

import com.fasterxml.jackson.core.io.NumberOutput;
import com.znyw.core.model.ScoredPoint;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Formats scored points as InfluxDB line protocol with millisecond timestamps, the form that
 * InfluxDB 1.8+/2.x/3.x and QuestDB all accept.
 *
 * <p>Every point carries the tags {@code series} (the canonical series key, which makes
 * "same series, same timestamp" one row in stores that deduplicate on it) and {@code kpi}, then
 * the series' own tags. A series tag whose key equals a reserved column name gets the prefix
 * {@code tag_}, because a store with one namespace for tags and fields (QuestDB) would otherwise
 * reject the row.
 *
 * <p>Floats are written in the shortest form that parses back to the same {@code double}
 * (Schubfach, as in jackson-core's {@link NumberOutput}), in {@link Double#toString(double)}'s
 * syntax: {@code 0.001}, {@code 1.0E300}, {@code -0.0}, {@code NaN}. JDK 17's own
 * {@code Double.toString} is slower and sometimes writes more digits than needed.
 */
public final class LineProtocol {

    /** Column names the measurement uses for its own tags and fields. */
    public static final Set<String> RESERVED = Set.of("series", "kpi", "value", "expected",
            "lower", "upper", "score", "anomaly", "detector", "model_version", "timestamp", "time");

    private LineProtocol() {
    }

    /** Returns the store column name for a series tag key. */
    public static String tagColumn(String tagKey) {
        return RESERVED.contains(tagKey) ? "tag_" + tagKey : tagKey;
    }

    public static String format(ScoredPoint point) {
        return format(tagPrefix(point), point);
    }

    /**
     * Returns the measurement and tag part of a point's line, which is the same for every point
     * of a series, so writers can cache it per series.
     */
    public static String tagPrefix(ScoredPoint point) {
        StringBuilder prefix = new StringBuilder(96);
        prefix.append(ScoredPoint.MEASUREMENT);
        appendTag(prefix, "series", point.series);
        appendTag(prefix, "kpi", point.kpi);
        // Sorted by key, as line protocol recommends, without copying the map into a TreeMap.
        String[] tagKeys = point.tags.keySet().toArray(new String[0]);
        Arrays.sort(tagKeys);
        for (String tagKey : tagKeys) {
            appendTag(prefix, tagColumn(tagKey), point.tags.get(tagKey));
        }
        return prefix.toString();
    }

    /** Formats a point whose {@link #tagPrefix} is already known. */
    public static String format(String tagPrefix, ScoredPoint point) {
        // Room for five 17-digit doubles, the field names, both string fields and the timestamp,
        // about 215 characters, so the builder does not grow while the line is written.
        StringBuilder line = new StringBuilder(tagPrefix.length() + 256);
        appendLine(line, tagPrefix, point);
        return line.toString();
    }

    /**
     * Appends the line of a point whose {@link #tagPrefix} is already known, without a line
     * break, so that a writer can reuse one builder for every line.
     */
    public static void appendLine(StringBuilder line, String tagPrefix, ScoredPoint point) {
        line.append(tagPrefix);
        line.append(' ');
        line.append("value=").append(formatDouble(point.value));
        line.append(",expected=").append(formatDouble(point.expected));
        line.append(",lower=").append(formatDouble(point.lower));
        line.append(",upper=").append(formatDouble(point.upper));
        line.append(",score=").append(formatDouble(point.score));
        line.append(",anomaly=").append(point.anomaly ? 't' : 'f');
        appendStringField(line, "detector", point.detector);
        appendStringField(line, "model_version", point.modelVersion);
        line.append(' ').append(point.ts);
    }

    /**
     * Formats a double as the shortest decimal that parses back to the same value, so no
     * precision is lost: {@code Double.parseDouble(formatDouble(v))} equals {@code v}.
     */
    public static String formatDouble(double value) {
        return NumberOutput.toString(value, true);
    }

    private static void appendTag(StringBuilder line, String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        line.append(',');
        escapeKey(line, key);
        line.append('=');
        escapeKey(line, value);
    }

    private static void appendStringField(StringBuilder line, String key, String value) {
        if (value == null) {
            return;
        }
        line.append(',').append(key).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\');
            }
            line.append(c);
        }
        line.append('"');
    }

    /** Escapes commas, equals signs and spaces, as line protocol requires in keys and tags. */
    private static void escapeKey(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '=' || c == ' ' || c == '\\') {
                line.append('\\');
            }
            line.append(c);
        }
    }
}
