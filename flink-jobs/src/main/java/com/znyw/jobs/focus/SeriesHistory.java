package com.znyw.jobs.focus;

import java.util.Arrays;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Keeps, for one leaf of a leaf time series, the newest {@code capacity} points at or before the
 * anomaly time (all times when none is given), summing rows with the same timestamp. Memory per
 * leaf is bounded by the capacity, whatever the length of the series.
 */
final class SeriesHistory implements AggregateFunction<LeafRow, LeafRow, LeafRow> {

    private final int capacity;
    private final long anomalyTime;

    /**
     * @param capacity    the points kept per leaf: the history for the forecast plus the
     *                    anomaly point
     * @param anomalyTime epoch milliseconds, or {@link Long#MAX_VALUE} for the newest time
     */
    SeriesHistory(int capacity, long anomalyTime) {
        this.capacity = capacity;
        this.anomalyTime = anomalyTime;
    }

    @Override
    public LeafRow createAccumulator() {
        LeafRow accumulator = new LeafRow();
        accumulator.times = new long[0];
        accumulator.values = new double[0];
        accumulator.denominators = new double[0];
        accumulator.measures = new double[0];
        return accumulator;
    }

    @Override
    public LeafRow add(LeafRow point, LeafRow accumulator) {
        if (accumulator.key == null) {
            accumulator.key = point.key;
            accumulator.dimensions = point.dimensions;
        }
        accumulator.rows += point.rows;
        if (point.timestamp > anomalyTime) {
            return accumulator;
        }
        insert(accumulator, point.timestamp, point.measures[0], point.measures[1]);
        return accumulator;
    }

    /** Adds a point in time order, summing equal times and dropping the oldest beyond capacity. */
    private void insert(LeafRow history, long time, double value, double denominator) {
        int size = history.times.length;
        int index = Arrays.binarySearch(history.times, time);
        if (index >= 0) {
            history.values[index] += value;
            history.denominators[index] += denominator;
            return;
        }
        int position = -index - 1;
        if (size == capacity && position == 0) {
            return;
        }
        long[] times = new long[size + 1];
        double[] values = new double[size + 1];
        double[] denominators = new double[size + 1];
        System.arraycopy(history.times, 0, times, 0, position);
        System.arraycopy(history.values, 0, values, 0, position);
        System.arraycopy(history.denominators, 0, denominators, 0, position);
        times[position] = time;
        values[position] = value;
        denominators[position] = denominator;
        System.arraycopy(history.times, position, times, position + 1, size - position);
        System.arraycopy(history.values, position, values, position + 1, size - position);
        System.arraycopy(history.denominators, position, denominators, position + 1,
                size - position);
        int drop = times.length - capacity;
        if (drop > 0) {
            times = Arrays.copyOfRange(times, drop, times.length);
            values = Arrays.copyOfRange(values, drop, values.length);
            denominators = Arrays.copyOfRange(denominators, drop, denominators.length);
        }
        history.times = times;
        history.values = values;
        history.denominators = denominators;
    }

    @Override
    public LeafRow getResult(LeafRow accumulator) {
        return accumulator;
    }

    @Override
    public LeafRow merge(LeafRow first, LeafRow second) {
        for (int i = 0; i < second.times.length; i++) {
            insert(first, second.times[i], second.values[i], second.denominators[i]);
        }
        first.rows += second.rows;
        if (first.key == null) {
            first.key = second.key;
            first.dimensions = second.dimensions;
        }
        return first;
    }
}
