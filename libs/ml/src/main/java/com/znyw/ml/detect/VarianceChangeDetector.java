package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Variance changes: the series gets noisier or calmer while its mean may stay put.
 *
 * <p>Idea: compare a short and a long exponentially weighted mean absolute first difference.
 * Differencing removes the level, so trends and level changes do not count as variance. The
 * deviation is {@code |ln(short / long)|}, the log ratio of the two scales, a streaming analogue
 * of the F-test on variances of two windows. The short scale reacts within about
 * {@code 1 / }{@value #SHORT_ALPHA} points, the long one within {@code 1 / }{@value #LONG_ALPHA}.
 *
 * <p>NOTE: on a series that is flat between regular bursts, the clipped long scale shrinks
 * between bursts faster than the bursts raise it, so each identical burst looks like a larger
 * change than the last. Flooring the ratio with the unclipped long scale fixes that, but costs
 * one NAB window that the effect finds (measurements in docs/benchmarks.md).
 *
 * <p>Cost O(1) per point. State: {@value #STATE_BYTES} bytes serialized.
 */
public final class VarianceChangeDetector extends CalibratedDetector {

    static final byte KIND = 3;
    public static final int STATE_BYTES = BASE_STATE_BYTES + 8 * 4 + 8 + 1;

    static final double SHORT_ALPHA = 0.1;
    static final double LONG_ALPHA = 0.005;
    static final double FLOOR_SHARE = 0.2;
    /**
     * Cap on a change entering the long scale, in long scales, so that a lasting variance
     * increase is adopted over hundreds of points and keeps alarming for its first tens.
     */
    static final double LONG_CLIP = 2.0;

    private double previous;
    private double shortScale;
    private double longScale;
    private double absoluteLevel;
    private long count;
    private boolean skipDifference;

    public VarianceChangeDetector(DetectorConfig config) {
        super("variance_change", KIND, STATE_BYTES, config);
    }

    /** Restores a detector from {@link #toBytes()}. */
    public static VarianceChangeDetector restore(byte[] state, DetectorConfig config) {
        VarianceChangeDetector detector = new VarianceChangeDetector(config);
        detector.restore(state);
        return detector;
    }

    @Override
    void observe(long timestampMs, double value, Observation out) {
        count++;
        absoluteLevel += (Math.abs(value) - absoluteLevel) / Math.min(count, 100);
        if (count == 1 || skipDifference) {
            skipDifference = false;
            previous = value;
            out.notReady(value);
            return;
        }
        double change = Math.abs(value - previous);
        // The floor keeps flat stretches of a series from turning the next ordinary step
        // into an unbounded ratio.
        double floor = FLOOR_SHARE * longScale + 1e-9 * absoluteLevel + 1e-12;
        double deviation = Double.NaN;
        if (count > RobustLevel.WARM_UP_POINTS) {
            deviation = Math.abs(Math.log((shortScale + floor) / (longScale + floor)));
        }
        out.set(deviation, previous, Math.max(longScale, floor));

        double longWeight = Math.max(LONG_ALPHA, 1.0 / count);
        shortScale += Math.max(SHORT_ALPHA, 1.0 / count) * (change - shortScale);
        longScale += longWeight * (Math.min(change, LONG_CLIP * longScale + floor) - longScale);
        if (count == 2) {
            longScale = change;
        }
        previous = value;
    }

    /** Starts the differences afresh at the next point, after the input changed its meaning. */
    void skipNextDifference() {
        skipDifference = true;
    }

    @Override
    void writeModel(DataOutput out) throws IOException {
        out.writeDouble(previous);
        out.writeDouble(shortScale);
        out.writeDouble(longScale);
        out.writeDouble(absoluteLevel);
        out.writeLong(count);
        out.writeBoolean(skipDifference);
    }

    @Override
    void readModel(DataInput in) throws IOException {
        previous = in.readDouble();
        shortScale = in.readDouble();
        longScale = in.readDouble();
        absoluteLevel = in.readDouble();
        count = in.readLong();
        skipDifference = in.readBoolean();
    }
}
