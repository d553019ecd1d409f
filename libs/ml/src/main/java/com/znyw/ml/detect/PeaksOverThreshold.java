package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Streaming tail model of a non-negative deviation statistic: turns a deviation into the
 * probability of seeing one at least as large, with the threshold taken from the data's own tail
 * instead of a fixed number of sigmas.
 *
 * <p>Idea: SPOT, "Anomaly Detection in Streams with Extreme Value Theory" (Siffer, Fouque,
 * Termier, Largouet, KDD 2017). By the Pickands-Balkema-de Haan theorem the excesses over a high
 * threshold {@code t} follow a generalised Pareto distribution (GPD), so for {@code d > t}
 * <pre>  P(D &gt; d) = (1 - q) * (1 + xi * (d - t) / sigma)^(-1 / xi)</pre>
 * where {@code q} is the quantile level of {@code t}. Two simplifications keep each point O(1):
 * {@code t} is tracked with a stochastic-approximation quantile update (Robbins-Monro) rather
 * than fixed after a calibration batch, and the GPD is fitted by the method of moments
 * ({@code xi = (1 - m^2/v) / 2}, {@code sigma = m (1 + m^2/v) / 2}, Hosking and Wallis 1987)
 * over the last {@value #PEAK_CAPACITY} peaks, refitted only when a run of exceedances ends.
 * Runs of consecutive exceedances are declustered as in Coles, "An Introduction to Statistical
 * Modeling of Extreme Values" (2001), section 5.3.2: only the maximum of each run becomes a
 * peak. A slowly building deviation such as a cumulative sum therefore cannot teach the model
 * that its own rise is normal while it is still rising.
 * Below {@code t} the probability falls log-linearly from 1 to {@code 1 - q}, which is monotone
 * and coarse on purpose: only the tail matters for alarms.
 *
 * <p>State: {@value #STATE_BYTES} bytes serialized (peak ring of {@value #PEAK_CAPACITY} doubles
 * plus threshold, fit and counters).
 */
final class PeaksOverThreshold {

    static final int PEAK_CAPACITY = 64;
    static final int STATE_BYTES = 8 * PEAK_CAPACITY + 8 * 4 + 4 * 4;

    /** Quantile level of the peak threshold {@code t}. */
    static final double LEVEL = 0.98;
    /** Points before the model returns probabilities below 1. */
    static final int MIN_OBSERVATIONS = 30;
    /** Smallest returned probability, so that log-scores stay finite. */
    static final double MIN_PROBABILITY = 1e-40;
    /** Cap on deviations, so a value of 1e300 cannot poison the fit. */
    static final double MAX_DEVIATION = 1e6;
    /** Relative change of the threshold per point, scaled by LEVEL or 1 - LEVEL. */
    static final double THRESHOLD_RATE = 0.01;
    /** Maximum length of a run of exceedances that counts as one peak. */
    static final int MAX_CLUSTER_LENGTH = 64;

    private static final double MIN_SHAPE = 0.0;
    private static final double MAX_SHAPE = 0.45;

    private final double[] peaks = new double[PEAK_CAPACITY];
    private int peakCount;
    private int peakNext;
    private int observations;
    private double threshold;
    private double shape;
    private double gpdScale;
    /** Largest deviation of the current run above the threshold, 0 outside a run. */
    private double clusterMax;
    private int clusterLength;

    /** Returns P(D >= deviation) under the current model; 1 while the model is still learning. */
    double tailProbability(double deviation) {
        if (observations < MIN_OBSERVATIONS) {
            return 1.0;
        }
        double d = clampDeviation(deviation);
        if (d <= threshold) {
            // Log-linear between (0, 1) and (threshold, 1 - LEVEL), as an exponential tail is.
            double fraction = threshold > 0 ? d / threshold : 0.0;
            return Math.pow(1.0 - LEVEL, fraction);
        }
        if (gpdScale <= 0) {
            // Every deviation seen so far sat on the threshold (a constant series): anything
            // above it is new.
            return MIN_PROBABILITY;
        }
        double excess = (d - threshold) / gpdScale;
        double survival;
        if (Math.abs(shape) < 1e-6) {
            survival = Math.exp(-excess);
        } else {
            double base = 1.0 + shape * excess;
            survival = base <= 0 ? 0.0 : Math.pow(base, -1.0 / shape);
        }
        return Math.max(MIN_PROBABILITY, (1.0 - LEVEL) * survival);
    }

    /** Returns the deviation whose tail probability is {@code probability}, for bands. */
    double deviationAt(double probability) {
        double tailShare = probability / (1.0 - LEVEL);
        if (tailShare >= 1.0 || gpdScale <= 0) {
            return threshold;
        }
        if (Math.abs(shape) < 1e-6) {
            return threshold - gpdScale * Math.log(tailShare);
        }
        return threshold + gpdScale / shape * (Math.pow(tailShare, -shape) - 1.0);
    }

    /** Learns one deviation: moves the threshold and, for a peak, refits the GPD. */
    void learn(double deviation) {
        double d = clampDeviation(deviation);
        observations = observations == Integer.MAX_VALUE ? observations : observations + 1;
        if (observations <= MIN_OBSERVATIONS) {
            // The peak ring doubles as the calibration buffer of the first deviations.
            peaks[observations - 1] = d;
            if (observations == MIN_OBSERVATIONS) {
                calibrate();
            }
            return;
        }
        // Robbins-Monro quantile step: up by LEVEL on an exceedance, down by 1 - LEVEL
        // otherwise, so the threshold settles where a share 1 - LEVEL of points exceed it. The
        // step is relative to the threshold, so the update does not depend on the units.
        double step = THRESHOLD_RATE * threshold + 1e-12;
        if (d > threshold) {
            clusterMax = Math.max(clusterMax, d);
            clusterLength++;
            threshold += step * LEVEL;
            if (clusterLength >= MAX_CLUSTER_LENGTH) {
                // A run this long is the series' new normal rather than one extreme event.
                addPeak(clusterMax);
                clusterMax = 0.0;
                clusterLength = 0;
                refit();
            }
        } else {
            clusterLength = 0;
            if (clusterMax > 0) {
                addPeak(clusterMax);
                clusterMax = 0.0;
                refit();
            }
            threshold = Math.max(0.0, threshold - step * (1.0 - LEVEL));
        }
    }

    private void addPeak(double peak) {
        peaks[peakNext] = peak;
        peakNext = (peakNext + 1) % PEAK_CAPACITY;
        peakCount = Math.min(peakCount + 1, PEAK_CAPACITY);
    }

    /** Sets the threshold to the 90th percentile of the first deviations and fits the tail. */
    private void calibrate() {
        double[] sorted = Arrays.copyOf(peaks, MIN_OBSERVATIONS);
        Arrays.sort(sorted);
        threshold = sorted[(int) (0.9 * MIN_OBSERVATIONS)];
        Arrays.fill(peaks, 0.0);
        peakCount = 0;
        peakNext = 0;
        for (double d : sorted) {
            if (d > threshold) {
                peaks[peakNext++] = d;
                peakCount++;
            }
        }
        refit();
    }

    private void refit() {
        double sum = 0;
        double sumSquares = 0;
        int n = 0;
        for (int i = 0; i < peakCount; i++) {
            double excess = peaks[i] - threshold;
            if (excess > 0) {
                sum += excess;
                sumSquares += excess * excess;
                n++;
            }
        }
        if (n < 3) {
            // Too few peaks for a variance: fall back to an exponential tail with their mean.
            shape = 0.0;
            gpdScale = n > 0 ? sum / n : gpdScale;
            return;
        }
        double mean = sum / n;
        double variance = Math.max(0.0, sumSquares / n - mean * mean);
        if (variance <= 1e-12 * mean * mean) {
            shape = 0.0;
            gpdScale = mean;
            return;
        }
        double ratio = mean * mean / variance;
        shape = Math.max(MIN_SHAPE, Math.min(MAX_SHAPE, 0.5 * (1.0 - ratio)));
        gpdScale = 0.5 * mean * (1.0 + ratio);
    }

    private static double clampDeviation(double deviation) {
        if (!(deviation > 0)) {
            return 0.0;
        }
        return Math.min(deviation, MAX_DEVIATION);
    }

    int observations() {
        return observations;
    }

    void write(DataOutput out) throws IOException {
        for (double peak : peaks) {
            out.writeDouble(peak);
        }
        out.writeDouble(threshold);
        out.writeDouble(shape);
        out.writeDouble(gpdScale);
        out.writeDouble(clusterMax);
        out.writeInt(peakCount);
        out.writeInt(peakNext);
        out.writeInt(observations);
        out.writeInt(clusterLength);
    }

    void read(DataInput in) throws IOException {
        for (int i = 0; i < PEAK_CAPACITY; i++) {
            peaks[i] = in.readDouble();
        }
        threshold = in.readDouble();
        shape = in.readDouble();
        gpdScale = in.readDouble();
        clusterMax = in.readDouble();
        peakCount = StateFormat.checkRange("peakCount", in.readInt(), 0, PEAK_CAPACITY);
        peakNext = StateFormat.checkRange("peakNext", in.readInt(), 0, PEAK_CAPACITY - 1);
        observations = StateFormat.checkRange("observations", in.readInt(), 0, Integer.MAX_VALUE);
        clusterLength = StateFormat.checkRange("clusterLength", in.readInt(), 0,
                MAX_CLUSTER_LENGTH - 1);
    }
}
