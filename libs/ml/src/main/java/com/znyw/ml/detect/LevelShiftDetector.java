package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Level shifts and slow trend changes by a two-sided CUSUM.
 *
 * <p>Idea: Page's cumulative sum (Page 1954). With {@code z} the point's residual from a slow
 * robust baseline in robust scales, clipped to +-{@value #STEP_CLIP} so that one spike cannot
 * trigger it, the statistics {@code S+ = max(0, S+ + z - k)} and {@code S- = max(0, S- - z - k)}
 * grow while the mean stays away from the baseline and reset to 0 near it. The deviation is
 * {@code max(S+, S-)}; its tail model decides how large a sum is unusual for this series. Once
 * the sum passes {@value #RESET_SUM}, the change is taken as confirmed: the baseline jumps to a
 * fast running mean and the sums restart, so the detector alarms once per shift.
 *
 * <p>Cost O(1) per point. State: {@value #STATE_BYTES} bytes serialized.
 */
public final class LevelShiftDetector extends CalibratedDetector {

    static final byte KIND = 2;
    public static final int STATE_BYTES = BASE_STATE_BYTES + RobustLevel.STATE_BYTES + 8 * 3;

    private static final double SLACK = 0.5;
    private static final double STEP_CLIP = 4.0;
    private static final double RESET_SUM = 40.0;
    private static final double BASELINE_ALPHA = 0.005;
    private static final double FAST_ALPHA = 0.1;

    private final RobustLevel baseline = new RobustLevel(BASELINE_ALPHA);
    private double upperSum;
    private double lowerSum;
    private double fastMean;

    public LevelShiftDetector(DetectorConfig config) {
        super("level_shift", KIND, STATE_BYTES, config);
    }

    /** Restores a detector from {@link #toBytes()}. */
    public static LevelShiftDetector restore(byte[] state, DetectorConfig config) {
        LevelShiftDetector detector = new LevelShiftDetector(config);
        detector.restore(state);
        return detector;
    }

    @Override
    void observe(long timestampMs, double value, Observation out) {
        boolean first = baseline.count() == 0;
        double z = Math.max(-STEP_CLIP, Math.min(STEP_CLIP, baseline.standardize(value)));
        upperSum = Math.max(0.0, upperSum + z - SLACK);
        lowerSum = Math.max(0.0, lowerSum - z - SLACK);
        double sum = Math.max(upperSum, lowerSum);
        if (!baseline.isWarm()) {
            upperSum = 0.0;
            lowerSum = 0.0;
            out.notReady(value);
        } else {
            out.set(sum, baseline.location(), baseline.floorScale());
        }

        fastMean = first ? value : fastMean + FAST_ALPHA * (value - fastMean);
        baseline.learn(value);
        if (sum > RESET_SUM) {
            baseline.resetLocation(fastMean);
            upperSum = 0.0;
            lowerSum = 0.0;
        }
    }

    @Override
    void writeModel(DataOutput out) throws IOException {
        baseline.write(out);
        out.writeDouble(upperSum);
        out.writeDouble(lowerSum);
        out.writeDouble(fastMean);
    }

    @Override
    void readModel(DataInput in) throws IOException {
        baseline.read(in);
        upperSum = in.readDouble();
        lowerSum = in.readDouble();
        fastMean = in.readDouble();
    }
}
