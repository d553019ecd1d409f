package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Input checks shared by every detector: the value must be finite and timestamps must not go
 * backwards. Checks run before any state changes, so a rejected point leaves the model as it was.
 */
final class PointGuard {

    static final int STATE_BYTES = 8 + 8;

    private long lastTimestampMs = Long.MIN_VALUE;
    private long points;

    void check(long timestampMs, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Invalid value " + value + " at timestamp "
                    + timestampMs + ": values must be finite; drop the point or replace it");
        }
        if (timestampMs < lastTimestampMs) {
            throw new IllegalArgumentException("Timestamp " + timestampMs
                    + " is older than the last accepted timestamp " + lastTimestampMs
                    + "; send points of a series in time order");
        }
    }

    void accept(long timestampMs) {
        lastTimestampMs = timestampMs;
        points++;
    }

    long points() {
        return points;
    }

    /** Returns the timestamp of the last accepted point, {@link Long#MIN_VALUE} before any. */
    long lastTimestampMs() {
        return lastTimestampMs;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(lastTimestampMs);
        out.writeLong(points);
    }

    void read(DataInput in) throws IOException {
        lastTimestampMs = in.readLong();
        points = in.readLong();
    }
}
