package com.znyw.jobs.discovery;

import java.util.Arrays;

/**
 * Running statistics of one series in one window. Timestamps are kept, in a growing array, because
 * the median interval needs all of them. A Flink POJO.
 */
public class WindowAccumulator {

    public long count;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    public double sum;
    public long[] timestamps = new long[4];
    public int size;

    public WindowAccumulator() {
    }

    void add(long ts, double value) {
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
        }
        timestamps[size++] = ts;
    }

    void merge(WindowAccumulator other) {
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sum += other.sum;
        if (size + other.size > timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size + other.size);
        }
        System.arraycopy(other.timestamps, 0, timestamps, size, other.size);
        size += other.size;
    }

    /**
     * Returns the median of the gaps between consecutive distinct timestamps, or 0 when the
     * window contains fewer than two distinct timestamps. Duplicates (resent points) are skipped
     * so that they do not pull the interval towards zero.
     */
    long medianIntervalMs() {
        long[] sorted = Arrays.copyOf(timestamps, size);
        Arrays.sort(sorted);
        long[] gaps = new long[Math.max(0, size - 1)];
        int gapCount = 0;
        for (int i = 1; i < sorted.length; i++) {
            long gap = sorted[i] - sorted[i - 1];
            if (gap > 0) {
                gaps[gapCount++] = gap;
            }
        }
        if (gapCount == 0) {
            return 0;
        }
        Arrays.sort(gaps, 0, gapCount);
        int middle = gapCount / 2;
        return gapCount % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2;
    }

    long firstTs() {
        long first = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            first = Math.min(first, timestamps[i]);
        }
        return first;
    }

    long lastTs() {
        long last = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            last = Math.max(last, timestamps[i]);
        }
        return last;
    }
}
