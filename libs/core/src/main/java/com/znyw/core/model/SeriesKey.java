package com.znyw.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Identity of one series: a KPI name plus its sorted tags, written canonically as
 * {@code txn_latency_ms{host=app-07,idc=BJ}} (just the KPI name when there are no tags).
 *
 * <p>Names and tag keys match {@link #NAME_PATTERN}. Tag values may hold any character except
 * {@code ,}, {@code =}, <code>{</code> and <code>}</code>, which would make the canonical form
 * ambiguous, and control characters.
 */
public final class SeriesKey implements Comparable<SeriesKey> {

    /** Allowed characters of KPI names and tag keys. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    /** Maximum length of a tag value. */
    public static final int MAX_TAG_VALUE_LENGTH = 256;

    private static final Pattern FORBIDDEN_VALUE_CHARS = Pattern.compile("[,={}\\p{Cntrl}]");

    private final String kpi;
    private final SortedMap<String, String> tags;
    private final String canonical;

    private SeriesKey(String kpi, SortedMap<String, String> tags) {
        this.kpi = kpi;
        this.tags = Collections.unmodifiableSortedMap(tags);
        this.canonical = render(kpi, tags);
    }

    /**
     * Creates a key after validating the KPI name and every tag.
     *
     * @throws IllegalArgumentException naming the offending name, key or value
     */
    public static SeriesKey of(String kpi, Map<String, String> tags) {
        checkName("kpi", kpi);
        SortedMap<String, String> sorted = new TreeMap<>();
        if (tags != null) {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                checkName("tag key", tag.getKey());
                checkTagValue(tag.getKey(), tag.getValue());
                sorted.put(tag.getKey(), tag.getValue());
            }
        }
        return new SeriesKey(kpi, sorted);
    }

    /**
     * Parses the canonical form produced by {@link #toString()}.
     *
     * @throws IllegalArgumentException if the text is not a canonical series key
     */
    public static SeriesKey parse(String text) {
        Objects.requireNonNull(text, "series key");
        int open = text.indexOf('{');
        if (open < 0) {
            return of(text, Map.of());
        }
        if (!text.endsWith("}")) {
            throw new IllegalArgumentException("invalid series key '" + text
                    + "': expected kpi{key=value,...}");
        }
        String kpi = text.substring(0, open);
        String body = text.substring(open + 1, text.length() - 1);
        Map<String, String> tags = new TreeMap<>();
        if (!body.isEmpty()) {
            for (String pair : body.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("invalid tag '" + pair + "' in series key '"
                            + text + "': expected key=value");
                }
                tags.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return of(kpi, tags);
    }

    private static void checkName(String what, String name) {
        if (name == null || !NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + name
                    + "': use 1 to 128 characters from A-Z a-z 0-9 _ . : -");
        }
    }

    private static void checkTagValue(String key, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TAG_VALUE_LENGTH
                || FORBIDDEN_VALUE_CHARS.matcher(value).find()) {
            throw new IllegalArgumentException("invalid value '" + value + "' of tag '" + key
                    + "': use 1 to " + MAX_TAG_VALUE_LENGTH
                    + " characters without , = { } or control characters");
        }
    }

    private static String render(String kpi, SortedMap<String, String> tags) {
        if (tags.isEmpty()) {
            return kpi;
        }
        StringBuilder text = new StringBuilder(kpi).append('{');
        boolean first = true;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!first) {
                text.append(',');
            }
            text.append(tag.getKey()).append('=').append(tag.getValue());
            first = false;
        }
        return text.append('}').toString();
    }

    public String kpi() {
        return kpi;
    }

    /** Returns the tags, sorted by key, as an unmodifiable map. */
    public SortedMap<String, String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return canonical;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesKey key && canonical.equals(key.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public int compareTo(SeriesKey other) {
        return canonical.compareTo(other.canonical);
    }
}
