package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Exponentially weighted location and scale that resist outliers: each residual is clipped at
 * {@value #CLIP} scales before it moves the location (a Huber M-estimator update, Huber 1964),
 * and the scale is the weighted mean absolute deviation of the clipped residuals. O(1) per point,
 * 3 doubles of state. For Gaussian noise the mean absolute deviation is about 0.8 sigma.
 */
final class RobustLevel {

    static final int STATE_BYTES = 8 * 3 + 8;
    static final double CLIP = 3.0;
    /** Points averaged without clipping, before the scale is known. */
    static final int WARM_UP_POINTS = 10;

    private final double alpha;
    private double location;
    private double scale;
    private double absoluteLevel;
    private long count;

    RobustLevel(double alpha) {
        this.alpha = alpha;
    }

    /** Residual of {@code value} from the location, in scales (0 before the first point). */
    double standardize(double value) {
        if (count == 0) {
            return 0.0;
        }
        return (value - location) / floorScale();
    }

    void learn(double value) {
        count++;
        absoluteLevel += (Math.abs(value) - absoluteLevel) / Math.min(count, 1.0 / alpha);
        if (count == 1) {
            location = value;
            return;
        }
        double weight = Math.max(alpha, 1.0 / count);
        double residual = value - location;
        double limit = count <= WARM_UP_POINTS ? Double.MAX_VALUE : CLIP * floorScale();
        double clipped = Math.max(-limit, Math.min(limit, residual));
        location += weight * clipped;
        scale += weight * (Math.abs(clipped) - scale);
    }

    /** Moves the location to {@code value} after a confirmed level shift; the scale is kept. */
    void resetLocation(double value) {
        location = value;
    }

    double location() {
        return location;
    }

    /** Scale with a floor relative to the series' magnitude, so constant series divide safely. */
    double floorScale() {
        return Math.max(scale, 1e-9 * absoluteLevel + 1e-12);
    }

    /** Returns whether enough points were seen for the scale to mean something. */
    boolean isWarm() {
        return count >= WARM_UP_POINTS;
    }

    long count() {
        return count;
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(location);
        out.writeDouble(scale);
        out.writeDouble(absoluteLevel);
        out.writeLong(count);
    }

    void read(DataInput in) throws IOException {
        location = in.readDouble();
        scale = in.readDouble();
        absoluteLevel = in.readDouble();
        count = in.readLong();
    }
}
