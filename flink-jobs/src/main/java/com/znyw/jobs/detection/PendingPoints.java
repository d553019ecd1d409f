package com.znyw.jobs.detection;

import java.util.Arrays;

/**
 * The scoring progress of one series: the points that wait for the watermark, in timestamp order,
 * the timestamp of the last scored point, and which timers {@link SeriesScorer} has registered.
 *
 * <p>Points usually arrive in timestamp order, so adding one appends it and scoring takes it from
 * the front, both in constant time. A point that arrives out of order is inserted with a binary
 * search and a shift of the later points. Not thread-safe, like the keyed state it lives in.
 */
final class PendingPoints {

    /** Marks "no timer registered" and "nothing scored yet". */
    static final long NONE = Long.MIN_VALUE;

    private static final int INITIAL_CAPACITY = 4;

    private long[] timestamps;
    private double[] values;
    /** Index of the earliest pending point. */
    private int head;
    /** Index after the latest pending point. */
    private int tail;

    /** Timestamp of the last point given to the model, or {@link #NONE}. */
    long lastScoredTs = NONE;
    /** Earliest event-time timer registered and not yet fired, or {@link #NONE}. */
    long eventTimerTs = NONE;
    /** Processing time of the registered flush timer that has not fired yet, or {@link #NONE}. */
    long flushTimerTs = NONE;

    PendingPoints() {
        this(INITIAL_CAPACITY);
    }

    PendingPoints(int capacity) {
        timestamps = new long[Math.max(1, capacity)];
        values = new double[timestamps.length];
    }

    int size() {
        return tail - head;
    }

    boolean isEmpty() {
        return tail == head;
    }

    /** Returns the timestamp of the earliest pending point; the buffer must not be empty. */
    long firstTs() {
        return timestamps[head];
    }

    /** Returns the value of the earliest pending point; the buffer must not be empty. */
    double firstValue() {
        return values[head];
    }

    /** Drops the earliest pending point; the buffer must not be empty. */
    void removeFirst() {
        head++;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    /** Returns the timestamp of the pending point at {@code index}, 0 being the earliest. */
    long timestampAt(int index) {
        return timestamps[head + index];
    }

    /** Returns the value of the pending point at {@code index}, 0 being the earliest. */
    double valueAt(int index) {
        return values[head + index];
    }

    /**
     * Adds a point in timestamp order.
     *
     * @return false when a point with the same timestamp was pending, in which case the new value
     *     replaces the old one
     */
    boolean add(long ts, double value) {
        if (isEmpty() || ts > timestamps[tail - 1]) {
            ensureRoomAtTail();
            timestamps[tail] = ts;
            values[tail] = value;
            tail++;
            return true;
        }
        // Make room first: it may move the points, which would shift the search result.
        ensureRoomAtTail();
        int found = Arrays.binarySearch(timestamps, head, tail, ts);
        if (found >= 0) {
            values[found] = value;
            return false;
        }
        int insertAt = -found - 1;
        System.arraycopy(timestamps, insertAt, timestamps, insertAt + 1, tail - insertAt);
        System.arraycopy(values, insertAt, values, insertAt + 1, tail - insertAt);
        timestamps[insertAt] = ts;
        values[insertAt] = value;
        tail++;
        return true;
    }

    /** Makes index {@code tail} writable, moving the points to the front or growing the arrays. */
    private void ensureRoomAtTail() {
        if (tail < timestamps.length) {
            return;
        }
        int size = size();
        if (head > 0 && size <= timestamps.length / 2) {
            System.arraycopy(timestamps, head, timestamps, 0, size);
            System.arraycopy(values, head, values, 0, size);
        } else {
            long[] grownTimestamps = new long[timestamps.length * 2];
            double[] grownValues = new double[grownTimestamps.length];
            System.arraycopy(timestamps, head, grownTimestamps, 0, size);
            System.arraycopy(values, head, grownValues, 0, size);
            timestamps = grownTimestamps;
            values = grownValues;
        }
        head = 0;
        tail = size;
    }

    /** Returns a deep copy, for Flink's copy-on-write heap state. */
    PendingPoints copy() {
        PendingPoints copy = new PendingPoints(Math.max(INITIAL_CAPACITY, size()));
        System.arraycopy(timestamps, head, copy.timestamps, 0, size());
        System.arraycopy(values, head, copy.values, 0, size());
        copy.tail = size();
        copy.lastScoredTs = lastScoredTs;
        copy.eventTimerTs = eventTimerTs;
        copy.flushTimerTs = flushTimerTs;
        return copy;
    }

    @Override
    public String toString() {
        return "PendingPoints{size=" + size() + ", lastScoredTs=" + lastScoredTs
                + ", eventTimerTs=" + eventTimerTs + ", flushTimerTs=" + flushTimerTs + "}";
    }
}
