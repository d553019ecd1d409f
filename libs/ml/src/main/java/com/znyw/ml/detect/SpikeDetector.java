package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Spikes and dips against a robust baseline.
 *
 * <p>Idea: a point's deviation is its distance from a robust running location in units of a
 * robust running scale, the streaming counterpart of the median/MAD z-score (Hampel filter).
 * The baseline is a {@link RobustLevel}: an exponentially weighted Huber M-estimate, so single
 * spikes barely move it. When {@value #SHIFT_RUN} points in a row fall beyond
 * {@link RobustLevel#CLIP} scales on the same side, the series has moved to a new level and the
 * location jumps to the current value, so a level shift alarms at its start and not for the
 * many points a clipped estimate needs to catch up.
 *
 * <p>Cost O(1) per point. State: {@value #STATE_BYTES} bytes serialized.
 */
public final class SpikeDetector extends CalibratedDetector {

    static final byte KIND = 1;
    static final int SHIFT_RUN = 6;
    public static final int STATE_BYTES = BASE_STATE_BYTES + RobustLevel.STATE_BYTES + 4 + 4;

    private static final double ALPHA = 0.02;

    private final RobustLevel level;
    private int runSign;
    private int runLength;

    public SpikeDetector(DetectorConfig config) {
        this(config, ALPHA, "spike");
    }

    /**
     * Creates a spike detector whose baseline moves with weight {@code alpha} per point, under
     * another name; the ensemble uses a slow one to see departures from the long-term level.
     */
    SpikeDetector(DetectorConfig config, double alpha, String name) {
        super(name, KIND, STATE_BYTES, config);
        level = new RobustLevel(alpha);
    }

    /** Restores a detector from {@link #toBytes()}. */
    public static SpikeDetector restore(byte[] state, DetectorConfig config) {
        SpikeDetector detector = new SpikeDetector(config);
        detector.restore(state);
        return detector;
    }

    @Override
    void observe(long timestampMs, double value, Observation out) {
        double z = level.standardize(value);
        if (!level.isWarm()) {
            out.notReady(value);
        } else {
            out.set(Math.abs(z), level.location(), level.floorScale());
        }
        trackRun(z);
        level.learn(value);
        if (runLength >= SHIFT_RUN) {
            level.resetLocation(value);
            runLength = 0;
            runSign = 0;
        }
    }

    private void trackRun(double z) {
        int sign = z > RobustLevel.CLIP ? 1 : (z < -RobustLevel.CLIP ? -1 : 0);
        if (sign != 0 && sign == runSign) {
            runLength++;
        } else {
            runSign = sign;
            runLength = sign == 0 ? 0 : 1;
        }
    }

    @Override
    void writeModel(DataOutput out) throws IOException {
        level.write(out);
        out.writeInt(runSign);
        out.writeInt(runLength);
    }

    @Override
    void readModel(DataInput in) throws IOException {
        level.read(in);
        runSign = StateFormat.checkRange("runSign", in.readInt(), -1, 1);
        runLength = StateFormat.checkRange("runLength", in.readInt(), 0, SHIFT_RUN);
    }
}
