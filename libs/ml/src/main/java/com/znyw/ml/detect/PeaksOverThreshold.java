package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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
 * over the last {@value #PEAK_CAPACITY} peaks, refitted only when a peak arrives (2 % of points).
 * Below {@code t} the probability falls linearly from 1 to {@code 1 - q}, which is monotone and
 * coarse on purpose: only the tail matters for alarms.
 *
 * <p>State: {@value #STATE_BYTES} bytes serialized (peak ring of {@value #PEAK_CAPACITY} doubles
 * plus threshold, fit and counters).
 */
final class PeaksOverThreshold {

    static final int PEAK_CAPACITY = 64;
    static final int STATE_BYTES = 8 * PEAK_CAPACITY + 8 * 3 + 4 * 3;

    /** Quantile level of the peak threshold {@code t}. */
    static final double LEVEL = 0.98;
    /** Points before the model returns probabilities below 1. */
    static final int MIN_OBSERVATIONS = 30;
    /** Smallest returned probability, so that log-scores stay finite. */
    static final double MIN_PROBABILITY = 1e-40;
    /** Cap on deviations, so a value of 1e300 cannot poison the fit. */
    static final double MAX_DEVIATION = 1e6;

    private static final double MIN_SHAPE = -0.45;
    private static final double MAX_SHAPE = 0.45;

    private final double[] peaks = new double[PEAK_CAPACITY];
    private int peakCount;
    private int peakNext;
    private int observations;
    private double threshold;
    private double shape;
    private double gpdScale;

    /** Returns P(D >= deviation) under the current model; 1 while the model is still learning. */
    double tailProbability(double deviation) {
        if (observations < MIN_OBSERVATIONS) {
            return 1.0;
        }
        double d = clampDeviation(deviation);
        if (d <= threshold) {
            double fraction = threshold > 0 ? d / threshold : 0.0;
            return 1.0 - LEVEL * fraction;
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
        if (observations == 1) {
            threshold = d;
        }
        // Robbins-Monro quantile step: up by LEVEL on an exceedance, down by 1 - LEVEL
        // otherwise, so the threshold settles where a share 1 - LEVEL of points exceed it.
        double step = 0.05 * Math.max(threshold, 1e-3) + 0.01 * Math.abs(d - threshold);
        if (observations <= MIN_OBSERVATIONS) {
            step *= 4;
        }
        if (d > threshold) {
            peaks[peakNext] = d;
            peakNext = (peakNext + 1) % PEAK_CAPACITY;
            peakCount = Math.min(peakCount + 1, PEAK_CAPACITY);
            threshold += step * LEVEL;
            refit();
        } else {
            threshold = Math.max(0.0, threshold - step * (1.0 - LEVEL));
        }
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
        out.writeInt(peakCount);
        out.writeInt(peakNext);
        out.writeInt(observations);
    }

    void read(DataInput in) throws IOException {
        for (int i = 0; i < PEAK_CAPACITY; i++) {
            peaks[i] = in.readDouble();
        }
        threshold = in.readDouble();
        shape = in.readDouble();
        gpdScale = in.readDouble();
        peakCount = StateFormat.checkRange("peakCount", in.readInt(), 0, PEAK_CAPACITY);
        peakNext = StateFormat.checkRange("peakNext", in.readInt(), 0, PEAK_CAPACITY - 1);
        observations = StateFormat.checkRange("observations", in.readInt(), 0, Integer.MAX_VALUE);
    }
}
