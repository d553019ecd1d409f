package com.znyw.core.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Converts between {@link KpiConfig} and its BSON document in {@code kpi_configs}.
 *
 * <p>Reading accepts any numeric BSON type for numbers, because documents edited in the mongo
 * shell store integers as doubles, but rejects a fraction where an integer is expected.
 */
public final class KpiConfigCodec {

    public static final String SERIES = "series";
    public static final String KPI = "kpi";
    public static final String TAGS = "tags";
    public static final String TAG_PAIRS = "tagPairs";
    public static final String DISPLAY_NAME = "displayName";
    public static final String UNIT = "unit";
    public static final String OWNER = "owner";
    public static final String ENABLED = "enabled";
    public static final String SENSITIVITY = "sensitivity";
    public static final String DETECTOR = "detector";
    public static final String EXPECTED_INTERVAL_MS = "expectedIntervalMs";
    public static final String FIRST_SEEN = "firstSeen";
    public static final String LAST_SEEN = "lastSeen";
    public static final String STATE = "state";
    public static final String STATE_CHANGED_AT = "stateChangedAt";
    public static final String VERSION = "version";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";

    private KpiConfigCodec() {
    }

    /** Writes all fields except {@code _id}. Does not validate. */
    public static Document toDocument(KpiConfig config) {
        Document detector = new Document("type", config.detector().type())
                .append("params", new Document(new LinkedHashMap<>(config.detector().params())));
        return new Document(SERIES, config.series())
                .append(KPI, config.kpi())
                .append(TAGS, new Document(new LinkedHashMap<>(config.tags())))
                .append(TAG_PAIRS, tagPairs(config.tags()))
                .append(DISPLAY_NAME, config.displayName())
                .append(UNIT, config.unit())
                .append(OWNER, config.owner())
                .append(ENABLED, config.enabled())
                .append(SENSITIVITY, config.sensitivity())
                .append(DETECTOR, detector)
                .append(EXPECTED_INTERVAL_MS, config.expectedIntervalMs())
                .append(FIRST_SEEN, toDate(config.firstSeen()))
                .append(LAST_SEEN, toDate(config.lastSeen()))
                .append(STATE, config.state().name())
                .append(STATE_CHANGED_AT, toDate(config.stateChangedAt()))
                .append(VERSION, config.version())
                .append(CREATED_AT, toDate(config.createdAt()))
                .append(UPDATED_AT, toDate(config.updatedAt()));
    }

    /** Returns the values of the multikey {@code tagPairs} field, such as {@code host=app-07}. */
    public static List<String> tagPairs(Map<String, String> tags) {
        List<String> pairs = new ArrayList<>(tags.size());
        tags.forEach((key, value) -> pairs.add(key + "=" + value));
        return pairs;
    }

    /**
     * Reads and validates a stored document.
     *
     * @throws InvalidKpiConfigException naming the missing or invalid field and its value
     */
    public static KpiConfig fromDocument(Document document) {
        Document detector = subDocument(document, DETECTOR);
        KpiConfig config = new KpiConfig(
                string(document, SERIES),
                string(document, KPI),
                stringMap(document, TAGS),
                string(document, DISPLAY_NAME),
                string(document, UNIT),
                string(document, OWNER),
                bool(document, ENABLED),
                number(document, SENSITIVITY, SENSITIVITY),
                new DetectorSettings(string(detector, "type"), doubleMap(detector, "params")),
                integer(document, EXPECTED_INTERVAL_MS),
                optionalInstant(document, FIRST_SEEN),
                optionalInstant(document, LAST_SEEN),
                state(document),
                instant(document, STATE_CHANGED_AT),
                integer(document, VERSION),
                instant(document, CREATED_AT),
                instant(document, UPDATED_AT));
        return KpiConfigValidator.validate(config);
    }

    static Date toDate(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Object present(Document document, String field) {
        Object value = document.get(field);
        if (value == null) {
            throw new InvalidKpiConfigException(field, null, "is required");
        }
        return value;
    }

    private static String string(Document document, String field) {
        Object value = present(document, field);
        if (!(value instanceof String text)) {
            throw new InvalidKpiConfigException(field, value, "must be a string");
        }
        return text;
    }

    private static boolean bool(Document document, String field) {
        Object value = present(document, field);
        if (!(value instanceof Boolean flag)) {
            throw new InvalidKpiConfigException(field, value, "must be true or false");
        }
        return flag;
    }

    private static double number(Document document, String field, String label) {
        Object value = present(document, field);
        if (!(value instanceof Number number)) {
            throw new InvalidKpiConfigException(label, value, "must be a number");
        }
        return number.doubleValue();
    }

    private static long integer(Document document, String field) {
        Object value = present(document, field);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double number && number == Math.rint(number)
                && Math.abs(number) < 0x1p53) {
            return number.longValue();
        }
        throw new InvalidKpiConfigException(field, value, "must be an integer");
    }

    private static Instant instant(Document document, String field) {
        Object value = present(document, field);
        if (!(value instanceof Date date)) {
            throw new InvalidKpiConfigException(field, value, "must be a date");
        }
        return date.toInstant();
    }

    private static Instant optionalInstant(Document document, String field) {
        return document.get(field) == null ? null : instant(document, field);
    }

    private static KpiState state(Document document) {
        String name = string(document, STATE);
        try {
            return KpiState.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidKpiConfigException(STATE, name, "use ACTIVE, SILENT or RETIRED");
        }
    }

    private static Document subDocument(Document document, String field) {
        Object value = present(document, field);
        if (!(value instanceof Document sub)) {
            throw new InvalidKpiConfigException(field, value, "must be an embedded document");
        }
        return sub;
    }

    private static Map<String, String> stringMap(Document document, String field) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : subDocument(document, field).entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw new InvalidKpiConfigException(field + "." + entry.getKey(),
                        entry.getValue(), "must be a string");
            }
            result.put(entry.getKey(), text);
        }
        return result;
    }

    private static Map<String, Double> doubleMap(Document document, String field) {
        Object raw = document.get(field);
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Document params)) {
            throw new InvalidKpiConfigException("detector." + field, raw,
                    "must be an embedded document of numbers");
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : params.entrySet()) {
            if (!(entry.getValue() instanceof Number number)) {
                throw new InvalidKpiConfigException("detector.params." + entry.getKey(),
                        entry.getValue(), "must be a number");
            }
            result.put(entry.getKey(), number.doubleValue());
        }
        return result;
    }
}
