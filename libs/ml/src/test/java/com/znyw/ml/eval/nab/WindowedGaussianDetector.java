package com.znyw.ml.eval.nab;

import com.znyw.ml.detect.Detection;
import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.StreamingDetector;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Small test detector for running the NAB benchmark end to end: the score is the two-sided
 * Gaussian tail mass beyond the point's z-score against the mean and deviation of the previous
 * {@code windowSize} values, so a point far from recent values scores near 1.
 */
final class WindowedGaussianDetector implements StreamingDetector {

    private final int windowSize;
    private final Deque<Double> window = new ArrayDeque<>();
    private double sum;
    private double sumOfSquares;
    private long lastTimestampMs = Long.MIN_VALUE;

    WindowedGaussianDetector(int windowSize) {
        this.windowSize = windowSize;
    }

    @Override
    public Detection update(long timestampMs, double value) {
        if (!Double.isFinite(value) || timestampMs < lastTimestampMs) {
            throw new IllegalArgumentException("Rejected point at " + timestampMs + " with value " + value);
        }
        lastTimestampMs = timestampMs;

        int n = window.size();
        double mean = n == 0 ? value : sum / n;
        double variance = n < 2 ? 0 : Math.max(0, sumOfSquares / n - mean * mean);
        double deviation = Math.sqrt(variance);
        double score = deviation == 0 ? 0 : 1 - 2 * upperTail(Math.abs(value - mean) / deviation);

        window.addLast(value);
        sum += value;
        sumOfSquares += value * value;
        if (window.size() > windowSize) {
            double removed = window.removeFirst();
            sum -= removed;
            sumOfSquares -= removed * removed;
        }
        return new Detection(score, mean, mean - 3 * deviation, mean + 3 * deviation, score > 0.999, "gaussian");
    }

    /** Upper tail of the standard normal distribution (Abramowitz and Stegun 7.1.26 for erfc). */
    private static double upperTail(double z) {
        double x = z / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return erfc / 2;
    }

    @Override
    public void reconfigure(DetectorConfig config) {
        // The test detector has no settings.
    }

    @Override
    public byte[] toBytes() {
        throw new UnsupportedOperationException("the test detector keeps no snapshot");
    }
}
