package com.znyw.ml.rca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaves of a multi-dimensional KPI at one point in time, in columnar form: for each leaf, one
 * value code per dimension plus the real and expected (forecast) measure.
 *
 * <p>A <em>fundamental</em> measure is a sum (page views, failures): each leaf has {@code real} and
 * {@code predict}. A <em>derived</em> measure is a ratio of two sums, {@code A / B} (success rate
 * {@code (cnt - value) / cnt}): each leaf then carries the numerator in {@code real} and
 * {@code predict} and the denominator in {@code realDenominator} and {@code predictDenominator}.
 * The arrays are used as given and must not be changed afterwards; {@link Builder} creates them
 * from string rows.
 */
public final class Cube {

    private final String[] dimensions;
    private final String[][] dimensionValues;
    private final int[][] codes;
    private final double[] real;
    private final double[] predict;
    private final double[] realDenominator;
    private final double[] predictDenominator;

    private Cube(String[] dimensions, String[][] dimensionValues, int[][] codes, double[] real,
            double[] predict, double[] realDenominator, double[] predictDenominator) {
        this.dimensions = dimensions;
        this.dimensionValues = dimensionValues;
        this.codes = codes;
        this.real = real;
        this.predict = predict;
        this.realDenominator = realDenominator;
        this.predictDenominator = predictDenominator;
        validate();
    }

    /**
     * Creates a cube of a fundamental (additive) measure.
     *
     * @param dimensions      dimension names, unique
     * @param dimensionValues for each dimension, the value of each code ({@code codes[d][leaf]}
     *                        indexes {@code dimensionValues[d]})
     * @param codes           {@code codes[d][leaf]}: the value code of each leaf in dimension d
     * @param real            observed measure per leaf, finite
     * @param predict         expected measure per leaf, finite; usually
     *                        not negative, but a negative value is accepted
     */
    public static Cube fundamental(String[] dimensions, String[][] dimensionValues, int[][] codes,
            double[] real, double[] predict) {
        return new Cube(dimensions, dimensionValues, codes, real, predict, null, null);
    }

    /**
     * Creates a cube of a derived measure {@code A / B}, given numerator and denominator per leaf.
     * The arguments are as in {@link #fundamental}, with the numerator in {@code real} and
     * {@code predict}.
     */
    public static Cube derived(String[] dimensions, String[][] dimensionValues, int[][] codes,
            double[] real, double[] predict, double[] realDenominator,
            double[] predictDenominator) {
        if (realDenominator == null || predictDenominator == null) {
            throw new IllegalArgumentException(
                    "a derived measure needs realDenominator and predictDenominator; use"
                            + " Cube.fundamental for an additive measure");
        }
        return new Cube(dimensions, dimensionValues, codes, real, predict, realDenominator,
                predictDenominator);
    }

    private void validate() {
        if (dimensions == null || dimensions.length == 0) {
            throw new IllegalArgumentException("a cube needs at least one dimension");
        }
        if (dimensionValues == null || dimensionValues.length != dimensions.length
                || codes == null || codes.length != dimensions.length) {
            throw new IllegalArgumentException("dimensionValues and codes need one entry per"
                    + " dimension (" + dimensions.length + " dimensions)");
        }
        if (real == null || predict == null) {
            throw new IllegalArgumentException("real and predict are required");
        }
        int leaves = real.length;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int d = 0; d < dimensions.length; d++) {
            if (dimensions[d] == null || dimensions[d].isBlank() || !seen.add(dimensions[d])) {
                throw new IllegalArgumentException("dimension names must be unique and not blank,"
                        + " got " + Arrays.toString(dimensions));
            }
            if (codes[d] == null || codes[d].length != leaves) {
                throw new IllegalArgumentException("dimension '" + dimensions[d] + "' has "
                        + (codes[d] == null ? 0 : codes[d].length) + " codes for " + leaves
                        + " leaves");
            }
            int cardinality = dimensionValues[d].length;
            for (int i = 0; i < leaves; i++) {
                int code = codes[d][i];
                if (code < 0 || code >= cardinality) {
                    throw new IllegalArgumentException("leaf " + i + " has code " + code
                            + " in dimension '" + dimensions[d] + "', which has only "
                            + cardinality + " values");
                }
            }
        }
        checkMeasure("predict", predict, leaves);
        checkMeasure("real", real, leaves);
        if (realDenominator != null) {
            checkMeasure("realDenominator", realDenominator, leaves);
            checkMeasure("predictDenominator", predictDenominator, leaves);
        }
    }

    private static void checkMeasure(String name, double[] values, int leaves) {
        if (values.length != leaves) {
            throw new IllegalArgumentException(
                    name + " has " + values.length + " values for " + leaves + " leaves");
        }
        for (int i = 0; i < leaves; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + v
                        + ": measures must be finite numbers");
            }
        }
    }

    public int leafCount() {
        return real.length;
    }

    public int dimensionCount() {
        return dimensions.length;
    }

    public String dimension(int d) {
        return dimensions[d];
    }

    public int cardinality(int d) {
        return dimensionValues[d].length;
    }

    public String value(int d, int code) {
        return dimensionValues[d][code];
    }

    public int code(int d, int leaf) {
        return codes[d][leaf];
    }

    public boolean isDerived() {
        return realDenominator != null;
    }

    public double real(int leaf) {
        return real[leaf];
    }

    public double predict(int leaf) {
        return predict[leaf];
    }

    /** Returns the real denominator of a derived measure, or 1 for a fundamental measure. */
    public double realDenominator(int leaf) {
        return realDenominator == null ? 1 : realDenominator[leaf];
    }

    /** Returns the expected denominator of a derived measure, or 1 for a fundamental measure. */
    public double predictDenominator(int leaf) {
        return predictDenominator == null ? 1 : predictDenominator[leaf];
    }

    /**
     * Collects leaves given as string values, assigning the codes in order of first appearance.
     * Not thread-safe.
     */
    public static final class Builder {
        private final String[] dimensions;
        private final List<Map<String, Integer>> dictionaries = new ArrayList<>();
        private final List<int[]> rows = new ArrayList<>();
        private double[] real = new double[16];
        private double[] predict = new double[16];
        private double[] realDenominator = new double[16];
        private double[] predictDenominator = new double[16];
        private Boolean derived;

        public Builder(String... dimensions) {
            this.dimensions = dimensions.clone();
            for (int d = 0; d < dimensions.length; d++) {
                dictionaries.add(new HashMap<>());
            }
        }

        /** Adds a leaf of a fundamental measure; values are in the order of the dimensions. */
        public Builder add(String[] values, double realValue, double predictValue) {
            requireKind(false);
            int leaf = addCodes(values);
            real[leaf] = realValue;
            predict[leaf] = predictValue;
            return this;
        }

        /** Adds a leaf of a derived measure with its numerator and denominator. */
        public Builder add(String[] values, double realNumerator, double predictNumerator,
                double realDenominatorValue, double predictDenominatorValue) {
            requireKind(true);
            int leaf = addCodes(values);
            real[leaf] = realNumerator;
            predict[leaf] = predictNumerator;
            realDenominator[leaf] = realDenominatorValue;
            predictDenominator[leaf] = predictDenominatorValue;
            return this;
        }

        private void requireKind(boolean derivedLeaf) {
            if (derived == null) {
                derived = derivedLeaf;
            } else if (derived != derivedLeaf) {
                throw new IllegalArgumentException("a cube contains either a fundamental or a derived"
                        + " measure, not both: add every leaf with the same number of measures");
            }
        }

        private int addCodes(String[] values) {
            if (values.length != dimensions.length) {
                throw new IllegalArgumentException("leaf " + rows.size() + " has " + values.length
                        + " values for " + dimensions.length + " dimensions "
                        + Arrays.toString(dimensions));
            }
            int[] row = new int[values.length];
            for (int d = 0; d < values.length; d++) {
                if (values[d] == null) {
                    throw new IllegalArgumentException("leaf " + rows.size()
                            + " has no value for dimension '" + dimensions[d] + "'");
                }
                Map<String, Integer> dictionary = dictionaries.get(d);
                row[d] = dictionary.computeIfAbsent(values[d], v -> dictionary.size());
            }
            int leaf = rows.size();
            rows.add(row);
            if (leaf == real.length) {
                int size = real.length * 2;
                real = Arrays.copyOf(real, size);
                predict = Arrays.copyOf(predict, size);
                realDenominator = Arrays.copyOf(realDenominator, size);
                predictDenominator = Arrays.copyOf(predictDenominator, size);
            }
            return leaf;
        }

        public Cube build() {
            int leaves = rows.size();
            String[][] values = new String[dimensions.length][];
            int[][] codes = new int[dimensions.length][leaves];
            for (int d = 0; d < dimensions.length; d++) {
                values[d] = new String[dictionaries.get(d).size()];
                for (Map.Entry<String, Integer> e : dictionaries.get(d).entrySet()) {
                    values[d][e.getValue()] = e.getKey();
                }
                for (int i = 0; i < leaves; i++) {
                    codes[d][i] = rows.get(i)[d];
                }
            }
            if (Boolean.TRUE.equals(derived)) {
                return derived(dimensions.clone(), values, codes, Arrays.copyOf(real, leaves),
                        Arrays.copyOf(predict, leaves), Arrays.copyOf(realDenominator, leaves),
                        Arrays.copyOf(predictDenominator, leaves));
            }
            return fundamental(dimensions.clone(), values, codes, Arrays.copyOf(real, leaves),
                    Arrays.copyOf(predict, leaves));
        }
    }
}
