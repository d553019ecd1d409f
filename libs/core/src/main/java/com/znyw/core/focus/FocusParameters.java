package com.znyw.core.focus;

import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.znyw.core.csv.ColumnRoles;
import com.znyw.core.csv.CsvError;
import com.znyw.core.csv.CsvException;
import com.znyw.core.csv.CsvOptions;
import com.znyw.core.csv.CsvValues;
import com.znyw.core.csv.TableLayout;

/**
 * The settings of one Focus analysis, as given with the upload. They travel as a string map:
 * from the REST form to MongoDB and to the Flink job's program arguments.
 *
 * @param layout        the table layout, or null to detect it from the header
 * @param csv           encoding and delimiter, each null to detect
 * @param roles         the column mapping; empty entries are filled in from the header
 * @param threshold     for records with a metric column, the value above which a record is
 *                      bad; null for a label column
 * @param anomalyTime   for a leaf time series, the time to analyse in epoch milliseconds, or
 *                      null for the latest time in the file
 * @param timeZone      the zone of times written without an offset
 * @param maxLayer      the largest number of dimensions in one combination, 1 to 6
 * @param maxRootCauses the largest number of combinations reported, 1 to 100
 * @param historyPoints for a leaf time series, how many earlier points of each leaf the
 *                      forecast uses, 1 to 10000
 */
public record FocusParameters(TableLayout layout, CsvOptions csv, ColumnRoles roles,
        Double threshold, Long anomalyTime, ZoneId timeZone, int maxLayer, int maxRootCauses,
        int historyPoints) {

    public static final String LAYOUT = "layout";
    public static final String ENCODING = "encoding";
    public static final String DELIMITER = "delimiter";
    public static final String DIMENSIONS = "dimensions";
    public static final String MEASURES = "measures";
    public static final String TIMESTAMP = "timestamp";
    public static final String TARGET = "target";
    public static final String THRESHOLD = "threshold";
    public static final String ANOMALY_TIME = "anomalyTime";
    public static final String TIME_ZONE = "timeZone";
    public static final String MAX_LAYER = "maxLayer";
    public static final String MAX_ROOT_CAUSES = "maxRootCauses";
    public static final String HISTORY_POINTS = "historyPoints";

    /** Every accepted parameter name. */
    public static final Set<String> NAMES = Set.of(LAYOUT, ENCODING, DELIMITER, DIMENSIONS,
            MEASURES, TIMESTAMP, TARGET, THRESHOLD, ANOMALY_TIME, TIME_ZONE, MAX_LAYER,
            MAX_ROOT_CAUSES, HISTORY_POINTS);

    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Shanghai");
    public static final int DEFAULT_MAX_LAYER = 3;
    public static final int DEFAULT_MAX_ROOT_CAUSES = 10;
    public static final int DEFAULT_HISTORY_POINTS = 30;

    /**
     * Parses and validates the settings; absent or blank values take their defaults.
     *
     * @throws CsvException naming the parameter and value when one is unknown or invalid
     */
    public static FocusParameters fromMap(Map<String, String> values) {
        for (String name : values.keySet()) {
            if (!NAMES.contains(name)) {
                throw new CsvException(CsvError.INVALID_PARAMETER, 0, "name", name,
                        "one of " + List.copyOf(new java.util.TreeSet<>(NAMES)));
            }
        }
        TableLayout layout = TableLayout.parse(values.get(LAYOUT));
        CsvOptions csv = CsvOptions.parse(values.get(ENCODING), values.get(DELIMITER));
        ColumnRoles roles = new ColumnRoles(ColumnRoles.splitList(values.get(DIMENSIONS)),
                ColumnRoles.splitList(values.get(MEASURES)), values.get(TIMESTAMP),
                values.get(TARGET));
        ZoneId zone = parseZone(values.get(TIME_ZONE));
        Double threshold = parseThreshold(values.get(THRESHOLD));
        Long anomalyTime = parseAnomalyTime(values.get(ANOMALY_TIME), zone);
        int maxLayer = parseInt(values, MAX_LAYER, DEFAULT_MAX_LAYER, 1, 6);
        int maxRootCauses = parseInt(values, MAX_ROOT_CAUSES, DEFAULT_MAX_ROOT_CAUSES, 1, 100);
        int historyPoints = parseInt(values, HISTORY_POINTS, DEFAULT_HISTORY_POINTS, 1, 10_000);
        return new FocusParameters(layout, csv, roles, threshold, anomalyTime, zone, maxLayer,
                maxRootCauses, historyPoints);
    }

    /** Returns the settings as the string map that {@link #fromMap} reads; defaults included. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (layout != null) {
            map.put(LAYOUT, layout.apiName());
        }
        Charset charset = csv.charset();
        if (charset != null) {
            map.put(ENCODING, charset.name());
        }
        if (csv.delimiter() != null) {
            map.put(DELIMITER, delimiterName(csv.delimiter()));
        }
        if (!roles.dimensions().isEmpty()) {
            map.put(DIMENSIONS, String.join(",", roles.dimensions()));
        }
        if (!roles.measures().isEmpty()) {
            map.put(MEASURES, String.join(",", roles.measures()));
        }
        if (roles.timestamp() != null) {
            map.put(TIMESTAMP, roles.timestamp());
        }
        if (roles.target() != null) {
            map.put(TARGET, roles.target());
        }
        if (threshold != null) {
            map.put(THRESHOLD, String.valueOf(threshold));
        }
        if (anomalyTime != null) {
            map.put(ANOMALY_TIME, String.valueOf(anomalyTime));
        }
        map.put(TIME_ZONE, timeZone.getId());
        map.put(MAX_LAYER, String.valueOf(maxLayer));
        map.put(MAX_ROOT_CAUSES, String.valueOf(maxRootCauses));
        map.put(HISTORY_POINTS, String.valueOf(historyPoints));
        return map;
    }

    private static String delimiterName(char delimiter) {
        return switch (delimiter) {
            case '\t' -> "tab";
            case ';' -> "semicolon";
            default -> "comma";
        };
    }

    private static ZoneId parseZone(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TIME_ZONE;
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new CsvException(CsvError.INVALID_PARAMETER, 0, e, TIME_ZONE, value,
                    "a zone such as Asia/Shanghai or +08:00");
        }
    }

    private static Double parseThreshold(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double threshold = Double.parseDouble(value.trim());
            if (Double.isFinite(threshold)) {
                return threshold;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new CsvException(CsvError.INVALID_PARAMETER, 0, THRESHOLD, value, "a number");
    }

    private static Long parseAnomalyTime(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return CsvValues.parseTime(value, zone);
        } catch (IllegalArgumentException e) {
            throw new CsvException(CsvError.INVALID_PARAMETER, 0, e, ANOMALY_TIME, value,
                    "epoch seconds or yyyy-MM-dd HH:mm[:ss]");
        }
    }

    private static int parseInt(Map<String, String> values, String name, int defaultValue,
            int min, int max) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new CsvException(CsvError.INVALID_PARAMETER, 0, name, value,
                "a whole number from " + min + " to " + max);
    }
}
