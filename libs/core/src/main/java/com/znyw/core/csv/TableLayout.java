package com.znyw.core.csv;

import java.util.Locale;

/** The three shapes of table that Focus analyses. */
public enum TableLayout {
    /**
     * One row per leaf at the anomaly time: dimension columns, {@code real} and {@code predict},
     * and for a derived measure (a ratio) also {@code real_b} and {@code predict_b}, the
     * denominators.
     */
    CUBE,
    /**
     * Leaf time series: a timestamp column, dimension columns and one measure column, or two
     * for a derived measure (numerator and denominator). The expected values at the anomaly
     * time are forecast from the rows before it.
     */
    LEAF_SERIES,
    /**
     * One row per event, such as a transaction: attribute columns and either a good/bad label
     * or a numeric metric compared with a threshold.
     */
    RECORDS;

    /** Returns the lower-case name used in the API and the UI: cube, leaf_series, records. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an API name, case-insensitively; null or blank or {@code auto} returns null,
     * which means detect.
     *
     * @throws CsvException naming the value when it is not a layout
     */
    public static TableLayout parse(String name) {
        if (name == null || name.isBlank() || name.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (normalized.equals("SERIES") || normalized.equals("TIMESERIES")) {
            return LEAF_SERIES;
        }
        for (TableLayout layout : values()) {
            if (layout.name().equals(normalized)) {
                return layout;
            }
        }
        throw new CsvException(CsvError.UNKNOWN_LAYOUT_NAME, 0, name);
    }
}
