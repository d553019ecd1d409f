package com.znyw.ml.focus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records of categorical attributes, each labelled good or bad, in columnar form: one value code
 * per attribute and record, plus the set of bad records. {@link Builder} creates a table from
 * string rows with either a label or a numeric metric and a {@link BadRule}.
 */
public final class RecordTable {

    private final String[] attributes;
    private final String[][] attributeValues;
    private final int[][] codes;
    private final BitSet bad;
    private final int recordCount;

    private RecordTable(String[] attributes, String[][] attributeValues, int[][] codes, BitSet bad,
            int recordCount) {
        this.attributes = attributes;
        this.attributeValues = attributeValues;
        this.codes = codes;
        this.bad = bad;
        this.recordCount = recordCount;
    }

    /**
     * Defines a bad record by its metric: above (or below) a threshold.
     *
     * @param threshold the limit, finite
     * @param badAbove  true if a metric above the threshold is bad, false if one below it is
     */
    public record BadRule(double threshold, boolean badAbove) {
        public BadRule {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be a finite number, was "
                        + threshold);
            }
        }

        /** Tells whether a metric value is bad; a missing (NaN) metric is never bad. */
        public boolean isBad(double metric) {
            return badAbove ? metric > threshold : metric < threshold;
        }
    }

    public int recordCount() {
        return recordCount;
    }

    public int attributeCount() {
        return attributes.length;
    }

    public String attribute(int a) {
        return attributes[a];
    }

    public int cardinality(int a) {
        return attributeValues[a].length;
    }

    public String value(int a, int code) {
        return attributeValues[a][code];
    }

    public int code(int a, int record) {
        return codes[a][record];
    }

    public boolean isBad(int record) {
        return bad.get(record);
    }

    public int badCount() {
        return bad.cardinality();
    }

    BitSet badRecords() {
        return (BitSet) bad.clone();
    }

    /** Collects records given as strings, assigning codes in order of first appearance. */
    public static final class Builder {
        private final String[] attributes;
        private final List<Map<String, Integer>> dictionaries = new ArrayList<>();
        private final List<int[]> rows = new ArrayList<>();
        private final BitSet bad = new BitSet();

        public Builder(String... attributes) {
            if (attributes.length == 0) {
                throw new IllegalArgumentException("a record table needs at least one attribute");
            }
            if (Arrays.stream(attributes).distinct().count() != attributes.length
                    || Arrays.stream(attributes).anyMatch(a -> a == null || a.isBlank())) {
                throw new IllegalArgumentException("attribute names must be unique and not blank,"
                        + " got " + Arrays.toString(attributes));
            }
            this.attributes = attributes.clone();
            for (int a = 0; a < attributes.length; a++) {
                dictionaries.add(new HashMap<>());
            }
        }

        /** Adds a record with its label; values are in the order of the attributes. */
        public Builder add(String[] values, boolean isBad) {
            if (values.length != attributes.length) {
                throw new IllegalArgumentException("record " + rows.size() + " has "
                        + values.length + " values for " + attributes.length + " attributes "
                        + Arrays.toString(attributes));
            }
            int[] row = new int[values.length];
            for (int a = 0; a < values.length; a++) {
                // A missing value is a value of its own, so records with it can form a group.
                String value = values[a] == null ? "" : values[a];
                Map<String, Integer> dictionary = dictionaries.get(a);
                row[a] = dictionary.computeIfAbsent(value, v -> dictionary.size());
            }
            if (isBad) {
                bad.set(rows.size());
            }
            rows.add(row);
            return this;
        }

        /** Adds a record labelled by its metric and the rule. */
        public Builder add(String[] values, double metric, BadRule rule) {
            return add(values, rule.isBad(metric));
        }

        public RecordTable build() {
            int n = rows.size();
            String[][] values = new String[attributes.length][];
            int[][] codes = new int[attributes.length][n];
            for (int a = 0; a < attributes.length; a++) {
                values[a] = new String[dictionaries.get(a).size()];
                for (Map.Entry<String, Integer> e : dictionaries.get(a).entrySet()) {
                    values[a][e.getValue()] = e.getKey();
                }
                for (int r = 0; r < n; r++) {
                    codes[a][r] = rows.get(r)[a];
                }
            }
            return new RecordTable(attributes.clone(), values, codes, (BitSet) bad.clone(), n);
        }
    }
}
