package com.znyw.core.kpi;

import com.znyw.core.model.SeriesKey;
import java.time.Instant;
import java.util.Map;

/**
 * Checks a {@link KpiConfig} against the schema before it is written and after it is read, so
 * neither the console nor a hand-edited document can put a value into the registry that the
 * jobs cannot apply.
 */
public final class KpiConfigValidator {

    public static final int MAX_DISPLAY_NAME_LENGTH = 200;
    public static final int MAX_UNIT_LENGTH = 32;
    public static final int MAX_OWNER_LENGTH = 128;
    public static final double MIN_SENSITIVITY = 0.0;
    public static final double MAX_SENSITIVITY = 10.0;
    public static final long MIN_EXPECTED_INTERVAL_MS = 100;
    public static final long MAX_EXPECTED_INTERVAL_MS = 7L * 24 * 3600 * 1000;

    private KpiConfigValidator() {
    }

    /**
     * Validates every field.
     *
     * @throws InvalidKpiConfigException naming the first invalid field and its value
     */
    public static KpiConfig validate(KpiConfig config) {
        checkIdentity(config);
        checkText("displayName", config.displayName(), 1, MAX_DISPLAY_NAME_LENGTH);
        checkText("unit", config.unit(), 0, MAX_UNIT_LENGTH);
        checkText("owner", config.owner(), 0, MAX_OWNER_LENGTH);
        checkSensitivity(config.sensitivity());
        checkDetector(config.detector());
        checkExpectedInterval(config.expectedIntervalMs());
        checkObservations(config.firstSeen(), config.lastSeen());
        require("state", config.state());
        require("stateChangedAt", config.stateChangedAt());
        if (config.version() < 1) {
            throw new InvalidKpiConfigException("version", config.version(),
                    "must be 1 or greater");
        }
        require("createdAt", config.createdAt());
        require("updatedAt", config.updatedAt());
        return config;
    }

    /** Checks a sensitivity on its own, for forms that validate one field at a time. */
    public static void checkSensitivity(double sensitivity) {
        if (!(sensitivity >= MIN_SENSITIVITY && sensitivity <= MAX_SENSITIVITY)) {
            throw new InvalidKpiConfigException("sensitivity", sensitivity,
                    "use a number from " + MIN_SENSITIVITY + " to " + MAX_SENSITIVITY);
        }
    }

    /** Checks an expected interval on its own. */
    public static void checkExpectedInterval(long expectedIntervalMs) {
        if (expectedIntervalMs < MIN_EXPECTED_INTERVAL_MS
                || expectedIntervalMs > MAX_EXPECTED_INTERVAL_MS) {
            throw new InvalidKpiConfigException("expectedIntervalMs", expectedIntervalMs,
                    "use " + MIN_EXPECTED_INTERVAL_MS + " to " + MAX_EXPECTED_INTERVAL_MS
                            + " milliseconds (7 days)");
        }
    }

    /** Checks a detector choice on its own. */
    public static void checkDetector(DetectorSettings detector) {
        require("detector", detector);
        if (detector.type() == null || !DetectorSettings.TYPES.contains(detector.type())) {
            throw new InvalidKpiConfigException("detector.type", detector.type(),
                    "use one of " + new java.util.TreeSet<>(DetectorSettings.TYPES));
        }
        for (Map.Entry<String, Double> param : detector.params().entrySet()) {
            if (param.getKey() == null
                    || !SeriesKey.NAME_PATTERN.matcher(param.getKey()).matches()) {
                throw new InvalidKpiConfigException("detector.params", param.getKey(),
                        "parameter names use 1 to 128 characters from A-Z a-z 0-9 _ . : -");
            }
            Double value = param.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new InvalidKpiConfigException("detector.params." + param.getKey(), value,
                        "use a finite number");
            }
        }
    }

    private static void checkIdentity(KpiConfig config) {
        SeriesKey key;
        try {
            key = SeriesKey.of(config.kpi(), config.tags());
        } catch (IllegalArgumentException e) {
            throw new InvalidKpiConfigException("kpi/tags", config.kpi() + " " + config.tags(),
                    e.getMessage());
        }
        if (!key.toString().equals(config.series())) {
            throw new InvalidKpiConfigException("series", config.series(),
                    "must be the canonical key of kpi and tags, '" + key + "'");
        }
    }

    private static void checkText(String field, String value, int minLength, int maxLength) {
        if (value == null || value.length() < minLength || value.length() > maxLength
                || (minLength > 0 && value.isBlank())) {
            throw new InvalidKpiConfigException(field, value,
                    "use " + minLength + " to " + maxLength + " characters"
                            + (minLength > 0 ? ", not only spaces" : ""));
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidKpiConfigException(field, value,
                    "remove control characters such as line breaks");
        }
    }

    private static void checkObservations(Instant firstSeen, Instant lastSeen) {
        if ((firstSeen == null) != (lastSeen == null)) {
            throw new InvalidKpiConfigException(firstSeen == null ? "firstSeen" : "lastSeen", null,
                    "firstSeen and lastSeen are either both set or both missing");
        }
        if (firstSeen != null && firstSeen.isAfter(lastSeen)) {
            throw new InvalidKpiConfigException("firstSeen", firstSeen,
                    "must not be after lastSeen " + lastSeen);
        }
    }

    private static void require(String field, Object value) {
        if (value == null) {
            throw new InvalidKpiConfigException(field, null, "is required");
        }
    }
}
