package com.znyw.core.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The role of each column of a table: which columns are dimensions and which hold the
 * measures, the timestamp or the target, for one {@link TableLayout}.
 *
 * <p>{@link #resolve} fills in what the user did not choose from the column names:
 * <ul>
 *   <li>cube: {@code real}, {@code predict} and, for a derived measure, {@code real_b} and
 *   {@code predict_b};</li>
 *   <li>leaf time series: the first of {@value #TIMESTAMP_NAMES_TEXT} as the timestamp, and
 *   {@code value} as the measure, with {@code cnt}, {@code count} or {@code total} as its
 *   denominator when present;</li>
 *   <li>records: the first of the label names ({@code label}, {@code is_bad}, {@code bad},
 *   {@code anomaly}, {@code failed}) or else of the metric names ({@code latency_ms},
 *   {@code latency}, {@code duration_ms}, {@code elapsed_ms}, {@code metric}, {@code value}).</li>
 * </ul>
 * Every other column is a dimension unless the user lists the dimensions. Names match
 * case-insensitively.
 */
public final class TableSchema {

    static final String TIMESTAMP_NAMES_TEXT = "timestamp, ts, time, datetime, min, minute";
    private static final List<String> TIMESTAMP_NAMES =
            List.of("timestamp", "ts", "time", "datetime", "min", "minute");
    private static final List<String> DENOMINATOR_NAMES = List.of("cnt", "count", "total");
    static final List<String> LABEL_NAMES =
            List.of("label", "is_bad", "bad", "anomaly", "is_anomaly", "failed");
    static final List<String> METRIC_NAMES =
            List.of("latency_ms", "latency", "duration_ms", "elapsed_ms", "metric", "value");
    private static final Set<String> CUBE_MEASURES = Set.of("real", "predict", "real_b", "predict_b");

    private final TableLayout layout;
    private final List<String> header;
    private final int[] dimensions;
    private final int[] measures;
    private final int timestamp;
    private final int target;
    private final boolean ambiguous;

    private TableSchema(TableLayout layout, List<String> header, int[] dimensions,
            int[] measures, int timestamp, int target, boolean ambiguous) {
        this.layout = layout;
        this.header = header;
        this.dimensions = dimensions;
        this.measures = measures;
        this.timestamp = timestamp;
        this.target = target;
        this.ambiguous = ambiguous;
    }

    /**
     * Resolves the column roles of a header.
     *
     * @param header the column names
     * @param layout the layout, or null to detect it: cube when {@code real} and {@code predict}
     *               exist, leaf time series when a timestamp column exists, else records
     * @param roles  the user's column mapping; its choices win over the names
     * @throws CsvException with the expected and found columns when the header does not fit
     */
    public static TableSchema resolve(List<String> header, TableLayout layout, ColumnRoles roles) {
        ColumnRoles chosen = roles == null ? ColumnRoles.none() : roles;
        TableLayout detected = layout != null ? layout : detectLayout(header, chosen);
        boolean ambiguous = layout == null && candidateLayouts(header, chosen) > 1;
        return switch (detected) {
            case CUBE -> resolveCube(header, chosen, ambiguous);
            case LEAF_SERIES -> resolveSeries(header, chosen, ambiguous);
            case RECORDS -> resolveRecords(header, chosen, ambiguous);
        };
    }

    private static TableLayout detectLayout(List<String> header, ColumnRoles roles) {
        if (indexOf(header, "real") >= 0 && indexOf(header, "predict") >= 0) {
            return TableLayout.CUBE;
        }
        if (roles.timestamp() != null || firstOf(header, TIMESTAMP_NAMES) >= 0) {
            return TableLayout.LEAF_SERIES;
        }
        if (roles.target() != null || firstOf(header, LABEL_NAMES) >= 0
                || firstOf(header, METRIC_NAMES) >= 0) {
            return TableLayout.RECORDS;
        }
        throw new CsvException(CsvError.UNKNOWN_LAYOUT, 0, header);
    }

    private static int candidateLayouts(List<String> header, ColumnRoles roles) {
        int count = 0;
        if (indexOf(header, "real") >= 0 && indexOf(header, "predict") >= 0) {
            count++;
        }
        if (roles.timestamp() != null || firstOf(header, TIMESTAMP_NAMES) >= 0) {
            count++;
        }
        if (roles.target() != null || firstOf(header, LABEL_NAMES) >= 0) {
            count++;
        }
        return count;
    }

    private static TableSchema resolveCube(List<String> header, ColumnRoles roles,
            boolean ambiguous) {
        int real = indexOf(header, "real");
        int predict = indexOf(header, "predict");
        int realB = indexOf(header, "real_b");
        int predictB = indexOf(header, "predict_b");
        boolean derived = realB >= 0 || predictB >= 0;
        if (real < 0 || predict < 0 || derived && (realB < 0 || predictB < 0)) {
            List<String> expected = derived
                    ? List.of("<dimensions...>", "real", "predict", "real_b", "predict_b")
                    : List.of("<dimensions...>", "real", "predict");
            throw new CsvException(CsvError.MISSING_COLUMNS, 0, TableLayout.CUBE.apiName(),
                    expected, header);
        }
        int[] measures = derived ? new int[] {real, predict, realB, predictB}
                : new int[] {real, predict};
        int[] dimensions = dimensionColumns(header, roles, measures, TableLayout.CUBE);
        return new TableSchema(TableLayout.CUBE, header, dimensions, measures, -1, -1, ambiguous);
    }

    private static TableSchema resolveSeries(List<String> header, ColumnRoles roles,
            boolean ambiguous) {
        int timestamp = roles.timestamp() != null
                ? requireColumn(header, roles.timestamp(), "timestamp")
                : firstOf(header, TIMESTAMP_NAMES);
        int[] measures;
        if (!roles.measures().isEmpty()) {
            if (roles.measures().size() > 2) {
                throw new CsvException(CsvError.INVALID_PARAMETER, 0, "measures",
                        String.join(",", roles.measures()), "1 or 2 columns");
            }
            measures = roles.measures().stream()
                    .mapToInt(name -> requireColumn(header, name, "measure")).toArray();
        } else {
            int value = indexOf(header, "value");
            int denominator = firstOf(header, DENOMINATOR_NAMES);
            measures = value < 0 ? new int[0]
                    : denominator < 0 ? new int[] {value} : new int[] {value, denominator};
        }
        if (timestamp < 0 || measures.length == 0) {
            throw new CsvException(CsvError.MISSING_COLUMNS, 0,
                    TableLayout.LEAF_SERIES.apiName(),
                    List.of("timestamp", "<dimensions...>", "value", "[cnt]"), header);
        }
        int[] taken = Arrays.copyOf(measures, measures.length + 1);
        taken[measures.length] = timestamp;
        int[] dimensions = dimensionColumns(header, roles, taken, TableLayout.LEAF_SERIES);
        boolean guessed = ambiguous || roles.dimensions().isEmpty() && roles.measures().isEmpty()
                && hasUnknownNumericName(header, dimensions);
        return new TableSchema(TableLayout.LEAF_SERIES, header, dimensions, measures, timestamp,
                -1, guessed);
    }

    private static TableSchema resolveRecords(List<String> header, ColumnRoles roles,
            boolean ambiguous) {
        int target;
        boolean guessed = ambiguous;
        if (roles.target() != null) {
            target = requireColumn(header, roles.target(), "target");
        } else {
            int label = firstOf(header, LABEL_NAMES);
            int metric = firstOf(header, METRIC_NAMES);
            target = label >= 0 ? label : metric;
            guessed |= label >= 0 && metric >= 0;
        }
        if (target < 0) {
            throw new CsvException(CsvError.MISSING_COLUMNS, 0, TableLayout.RECORDS.apiName(),
                    List.of("<attributes...>", "label | latency_ms | metric"), header);
        }
        int[] dimensions = dimensionColumns(header, roles, new int[] {target},
                TableLayout.RECORDS);
        return new TableSchema(TableLayout.RECORDS, header, dimensions, new int[0], -1, target,
                guessed);
    }

    private static int[] dimensionColumns(List<String> header, ColumnRoles roles, int[] taken,
            TableLayout layout) {
        int[] dimensions;
        if (!roles.dimensions().isEmpty()) {
            dimensions = roles.dimensions().stream()
                    .mapToInt(name -> requireColumn(header, name, "dimension")).toArray();
        } else {
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                final int column = i;
                boolean isTaken = Arrays.stream(taken).anyMatch(t -> t == column);
                boolean isCubeMeasure = layout == TableLayout.CUBE
                        && CUBE_MEASURES.contains(header.get(i).toLowerCase(Locale.ROOT));
                if (!isTaken && !isCubeMeasure && !header.get(i).isEmpty()) {
                    rest.add(i);
                }
            }
            dimensions = rest.stream().mapToInt(Integer::intValue).toArray();
        }
        for (int dimension : dimensions) {
            for (int t : taken) {
                if (dimension == t) {
                    throw new CsvException(CsvError.INVALID_PARAMETER, 0, "dimensions",
                            header.get(dimension), "a column that is not a measure");
                }
            }
        }
        if (dimensions.length == 0) {
            throw new CsvException(CsvError.NO_DIMENSIONS, 0, layout.apiName());
        }
        return dimensions;
    }

    /** Tells whether a guessed dimension has a name that often holds a number, such as cnt. */
    private static boolean hasUnknownNumericName(List<String> header, int[] dimensions) {
        for (int d : dimensions) {
            String name = header.get(d).toLowerCase(Locale.ROOT);
            if (DENOMINATOR_NAMES.contains(name) || METRIC_NAMES.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static int requireColumn(List<String> header, String name, String role) {
        int index = indexOf(header, name);
        if (index < 0) {
            throw new CsvException(CsvError.UNKNOWN_COLUMN, 0, name, role, header);
        }
        return index;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int firstOf(List<String> header, List<String> names) {
        for (String name : names) {
            int index = indexOf(header, name);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }

    public TableLayout layout() {
        return layout;
    }

    public List<String> header() {
        return header;
    }

    /** The dimension columns, in the order the user gave or else in file order. */
    public int[] dimensionColumns() {
        return dimensions.clone();
    }

    public List<String> dimensionNames() {
        return Arrays.stream(dimensions).mapToObj(header::get).toList();
    }

    /**
     * The measure columns: for a cube real, predict and optionally real_b, predict_b; for a
     * leaf time series the numerator and optionally the denominator; empty for records.
     */
    public int[] measureColumns() {
        return measures.clone();
    }

    /** Tells whether the measure is a ratio of two sums. */
    public boolean isDerived() {
        return layout == TableLayout.CUBE ? measures.length == 4
                : layout == TableLayout.LEAF_SERIES && measures.length == 2;
    }

    /** The timestamp column of a leaf time series, else -1. */
    public int timestampColumn() {
        return timestamp;
    }

    /** The label or metric column of records, else -1. */
    public int targetColumn() {
        return target;
    }

    /** Tells whether the target column's name is a label name rather than a metric name. */
    public boolean targetLooksLikeLabel() {
        return target >= 0 && LABEL_NAMES.contains(header.get(target).toLowerCase(Locale.ROOT));
    }

    /**
     * Tells whether the roles were guessed where the header allowed another reading, so the
     * user should confirm the column mapping.
     */
    public boolean isAmbiguous() {
        return ambiguous;
    }

    /** Returns the resolved roles as a mapping the user can edit. */
    public ColumnRoles roles() {
        List<String> measureNames = layout == TableLayout.LEAF_SERIES
                ? Arrays.stream(measures).mapToObj(header::get).toList() : List.of();
        return new ColumnRoles(dimensionNames(), measureNames,
                timestamp >= 0 ? header.get(timestamp) : null,
                target >= 0 ? header.get(target) : null);
    }
}
