package com.znyw.core.csv;

import java.util.Arrays;
import java.util.List;

/**
 * The user's column mapping. Every field is optional: an empty list or a null name leaves the
 * choice to {@link TableSchema#resolve}.
 *
 * @param dimensions the dimension (attribute) columns
 * @param measures   for a leaf time series, the measure column, or the numerator and the
 *                   denominator of a derived measure
 * @param timestamp  for a leaf time series, the timestamp column
 * @param target     for records, the label or metric column
 */
public record ColumnRoles(List<String> dimensions, List<String> measures, String timestamp,
        String target) {

    public ColumnRoles {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        measures = measures == null ? List.of() : List.copyOf(measures);
        timestamp = blankToNull(timestamp);
        target = blankToNull(target);
    }

    /** Roles that leave every choice to the header. */
    public static ColumnRoles none() {
        return new ColumnRoles(List.of(), List.of(), null, null);
    }

    /** Splits a comma-separated list of column names; null or blank gives an empty list. */
    public static List<String> splitList(String names) {
        if (names == null || names.isBlank()) {
            return List.of();
        }
        return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
