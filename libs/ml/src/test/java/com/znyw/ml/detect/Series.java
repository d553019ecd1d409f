package com.znyw.ml.detect;

import java.util.Random;

/** Synthetic test series with known anomalies, sampled every five minutes. */
final class Series {

    static final long START_MS = 1_700_006_400_000L;
    static final long STEP_MS = 300_000L;
    static final int POINTS_PER_DAY = 288;

    private Series() {
    }

    static long timestamp(int index) {
        return START_MS + index * STEP_MS;
    }

    /** Gaussian noise around {@code level}. */
    static double[] noise(int length, double level, double sigma, long seed) {
        Random random = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = level + sigma * random.nextGaussian();
        }
        return values;
    }

    /** Returns a daily sine wave of amplitude {@code amplitude} plus Gaussian noise. */
    static double[] daily(int length, double level, double amplitude, double sigma, long seed) {
        Random random = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            double phase = 2 * Math.PI * i / POINTS_PER_DAY;
            values[i] = level + amplitude * Math.sin(phase) + sigma * random.nextGaussian();
        }
        return values;
    }

    /** Feeds the series and returns every detection. */
    static Detection[] run(StreamingDetector detector, double[] values) {
        return run(detector, values, STEP_MS);
    }

    /** Feeds the series with points {@code stepMs} apart and returns every detection. */
    static Detection[] run(StreamingDetector detector, double[] values, long stepMs) {
        Detection[] detections = new Detection[values.length];
        for (int i = 0; i < values.length; i++) {
            detections[i] = detector.update(START_MS + i * stepMs, values[i]);
        }
        return detections;
    }

    /** Index of the first anomaly verdict in {@code [from, to)}, or -1. */
    static int firstAnomaly(Detection[] detections, int from, int to) {
        for (int i = from; i < to; i++) {
            if (detections[i].anomaly()) {
                return i;
            }
        }
        return -1;
    }

    static int anomalyCount(Detection[] detections, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (detections[i].anomaly()) {
                count++;
            }
        }
        return count;
    }

    static double maxScore(Detection[] detections, int from, int to) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, detections[i].score());
        }
        return max;
    }
}
