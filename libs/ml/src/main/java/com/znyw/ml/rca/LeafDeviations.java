package com.znyw.ml.rca;

import java.util.Arrays;

/**
 * Per-leaf real and expected values on one additive scale, their deviation scores and the
 * abnormal/normal label of each leaf.
 *
 * <p>A derived measure {@code A / B} is brought to the additive scale of its numerator: a leaf's
 * expected numerator is its real denominator times its expected ratio. A change of volume alone
 * then is no deviation, and the deviations of the leaves add up to the change of the total ratio
 * times the total denominator. A leaf without an expected denominator gets the cube's expected
 * ratio.
 *
 * <p>The deviation score is Squeeze's {@code 2(v - f) / (|v| + |f|)}, in [-2, 2] and defined when
 * either value is 0. Leaves are split into normal and abnormal by where the histogram of scores,
 * weighted by leaf volume, leaves the normal mode around 0: either the density falls below
 * {@value #TAIL_DENSITY} of the mode, or a valley separates the mode from a second one. The same
 * thresholds judge aggregates of several leaves, whose noise is lower, so they are conservative
 * there.
 */
final class LeafDeviations {

    static final double TAIL_DENSITY = 1e-4;
    static final double LARGE_LEAF_QUANTILE = 0.75;
    private static final double BIN_WIDTH = 0.01;
    private static final int BINS = (int) Math.round(4 / BIN_WIDTH);
    private static final double SMOOTHING_BINS = 2;
    private static final double MODE_SEARCH_RADIUS = 0.25;
    private static final int VALLEY_WINDOW_BINS = 10;

    final double[] real;
    final double[] expected;
    final double[] score;
    final double[] volume;
    /** +1 for an abnormal leaf above its expectation, -1 below, 0 for a normal leaf. */
    final byte[] direction;
    /** Score below which a leaf or aggregate deviates downwards, below 0. */
    final double lowerThreshold;
    /** Score above which a leaf or aggregate deviates upwards, above 0. */
    final double upperThreshold;

    /** Volume of a large leaf: the {@value #LARGE_LEAF_QUANTILE} quantile of leaves above 0. */
    final double largeLeafVolume;

    private LeafDeviations(double[] real, double[] expected, double[] score, double[] volume,
            double lowerThreshold, double upperThreshold) {
        this.real = real;
        this.expected = expected;
        this.score = score;
        this.volume = volume;
        this.lowerThreshold = lowerThreshold;
        this.upperThreshold = upperThreshold;
        this.largeLeafVolume = quantileOfActive(volume, LARGE_LEAF_QUANTILE);
        this.direction = new byte[score.length];
        for (int i = 0; i < score.length; i++) {
            direction[i] = (byte) classify(score[i], volume[i]);
        }
    }

    /**
     * Returns +1 if a leaf or aggregate of this score and volume deviates upwards beyond the
     * noise, -1 downwards, 0 otherwise.
     */
    int classify(double score, double volume) {
        if (volume <= 0) {
            return 0;
        }
        if (score > upperThreshold) {
            return 1;
        }
        if (score < lowerThreshold) {
            return -1;
        }
        return 0;
    }

    private static double quantileOfActive(double[] volume, double q) {
        double[] active = Arrays.stream(volume).filter(v -> v > 0).sorted().toArray();
        return active.length == 0 ? 0 : active[(int) (q * (active.length - 1))];
    }

    /** Returns the deviation score {@code 2(v - f) / (|v| + |f|)}, 0 when both are 0. */
    static double score(double real, double expected) {
        double sum = Math.abs(real) + Math.abs(expected);
        return sum > 0 ? 2 * (real - expected) / sum : 0;
    }

    static LeafDeviations of(Cube cube, double minDeviation) {
        int n = cube.leafCount();
        double[] real = new double[n];
        double[] expected = new double[n];
        fillAdditiveValues(cube, real, expected);

        double[] score = new double[n];
        double[] volume = new double[n];
        for (int i = 0; i < n; i++) {
            // Absolute values keep the score in [-2, 2] for measures that can be negative.
            score[i] = score(real[i], expected[i]);
            volume[i] = (Math.abs(real[i]) + Math.abs(expected[i])) / 2;
        }

        double[] density = smoothedHistogram(score, volume);
        int mode = modeBin(density);
        double upper = Math.max(minDeviation, upperEdge(density, mode));
        double lower = Math.min(-minDeviation, lowerEdge(density, mode));
        return new LeafDeviations(real, expected, score, volume, lower, upper);
    }

    private static void fillAdditiveValues(Cube cube, double[] real, double[] expected) {
        int n = cube.leafCount();
        if (!cube.isDerived()) {
            for (int i = 0; i < n; i++) {
                real[i] = cube.real(i);
                expected[i] = cube.predict(i);
            }
            return;
        }
        double predictNumerator = 0;
        double predictDenominator = 0;
        double realNumerator = 0;
        double realDenominator = 0;
        for (int i = 0; i < n; i++) {
            predictNumerator += cube.predict(i);
            predictDenominator += cube.predictDenominator(i);
            realNumerator += cube.real(i);
            realDenominator += cube.realDenominator(i);
        }
        // Leaves without history fall back to the cube's expected ratio, or to its real ratio
        // when nothing at all was expected.
        double fallbackRatio = predictDenominator > 0 ? predictNumerator / predictDenominator
                : realDenominator > 0 ? realNumerator / realDenominator : 0;
        for (int i = 0; i < n; i++) {
            double ratio = cube.predictDenominator(i) > 0
                    ? cube.predict(i) / cube.predictDenominator(i) : fallbackRatio;
            real[i] = cube.real(i);
            expected[i] = cube.realDenominator(i) * ratio;
        }
    }

    private static double[] smoothedHistogram(double[] score, double[] volume) {
        double[] histogram = new double[BINS];
        for (int i = 0; i < score.length; i++) {
            histogram[bin(score[i])] += volume[i];
        }
        int radius = (int) Math.ceil(3 * SMOOTHING_BINS);
        double[] kernel = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-0.5 * k * k / (SMOOTHING_BINS * SMOOTHING_BINS));
        }
        double[] density = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            if (histogram[b] == 0) {
                continue;
            }
            for (int k = -radius; k <= radius; k++) {
                int target = b + k;
                if (target >= 0 && target < BINS) {
                    density[target] += histogram[b] * kernel[k + radius];
                }
            }
        }
        return density;
    }

    private static int bin(double score) {
        int b = (int) Math.floor((score + 2) / BIN_WIDTH);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    private static double binCenter(int b) {
        return -2 + (b + 0.5) * BIN_WIDTH;
    }

    private static int modeBin(double[] density) {
        int from = bin(-MODE_SEARCH_RADIUS);
        int to = bin(MODE_SEARCH_RADIUS);
        int best = bin(0);
        for (int b = from; b <= to; b++) {
            if (density[b] > density[best]) {
                best = b;
            }
        }
        return best;
    }

    private static double upperEdge(double[] density, int mode) {
        int edge = findEdge(density, mode, 1);
        return edge < 0 ? Double.POSITIVE_INFINITY : binCenter(edge);
    }

    private static double lowerEdge(double[] density, int mode) {
        int edge = findEdge(density, mode, -1);
        return edge < 0 ? Double.NEGATIVE_INFINITY : binCenter(edge);
    }

    /**
     * Walks from the mode in direction {@code step} and returns the first bin where the normal
     * mode ends, or -1 when it reaches the end of the range without finding one.
     */
    private static int findEdge(double[] density, int mode, int step) {
        double peak = density[mode];
        if (peak <= 0) {
            return -1;
        }
        for (int b = mode + step; b >= 0 && b < BINS; b += step) {
            if (density[b] <= TAIL_DENSITY * peak) {
                return b;
            }
            if (density[b] < 0.5 * peak && isValley(density, b, step, peak)) {
                return b;
            }
        }
        return -1;
    }

    /** Tells whether bin b is the lowest of the next few bins and a clear second mode follows. */
    private static boolean isValley(double[] density, int b, int step, double peak) {
        for (int k = 1; k <= VALLEY_WINDOW_BINS; k++) {
            int next = b + k * step;
            if (next < 0 || next >= BINS) {
                break;
            }
            if (density[next] < density[b]) {
                return false;
            }
        }
        double highestBeyond = 0;
        for (int next = b + step; next >= 0 && next < BINS; next += step) {
            highestBeyond = Math.max(highestBeyond, density[next]);
        }
        return highestBeyond >= 1.5 * density[b] + 0.005 * peak;
    }
}
