package com.znyw.ml.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The production detector: every single-view detector looks at each point, and the most
 * surprised one decides.
 *
 * <p>Each component returns the tail probability of its own deviation under its own
 * peaks-over-threshold model, so the probabilities are on one scale. They are combined with a
 * Bonferroni bound, {@code p = min(1, k * min_i p_i)} over the {@code k} components, which keeps
 * the false-alarm rate of the ensemble near that of one component. Two rules follow, both aimed
 * at how operators (and the Numenta Anomaly Benchmark) count alarms:
 * <ul>
 *   <li>Learning period: the first {@value #LEARNING_POINTS} points score 0 while the models and
 *   their tail estimates settle.</li>
 *   <li>Repeat suppression: after a high score, later points in the same episode are damped to
 *   {@value #REPEAT_DAMPING} of their score unless they exceed the remembered peak, which decays
 *   by a factor {@value #PEAK_DECAY} per point. An ongoing incident alarms once, not on every
 *   point.</li>
 * </ul>
 * The expected value and band come from the seasonal component once it has found a period, and
 * from the spike component before that.
 *
 * <p>State: {@value #STATE_BYTES} bytes serialized, the sum of the components plus a few fields.
 */
public final class EnsembleDetector implements StreamingDetector {

    static final byte KIND = 10;
    static final int LEARNING_POINTS = 150;
    static final double REPEAT_DAMPING = 0.5;
    static final double PEAK_DECAY = 0.995;
    public static final int STATE_BYTES = StateFormat.HEADER_BYTES + PointGuard.STATE_BYTES + 8
            + SpikeDetector.STATE_BYTES + LevelShiftDetector.STATE_BYTES
            + VarianceChangeDetector.STATE_BYTES + SeasonalDetector.STATE_BYTES
            + SpectralResidualDetector.STATE_BYTES - 5 * StateFormat.HEADER_BYTES;

    private final PointGuard guard = new PointGuard();
    private final SpikeDetector spike;
    private final LevelShiftDetector levelShift;
    private final VarianceChangeDetector varianceChange;
    private final SeasonalDetector seasonal;
    private final SpectralResidualDetector spectralResidual;
    private final CalibratedDetector[] components;
    private Sensitivity sensitivity;
    private double recentPeakScore;

    public EnsembleDetector(DetectorConfig config) {
        this.sensitivity = Sensitivity.of(config);
        spike = new SpikeDetector(config);
        levelShift = new LevelShiftDetector(config);
        varianceChange = new VarianceChangeDetector(config);
        seasonal = new SeasonalDetector(config);
        spectralResidual = new SpectralResidualDetector(config);
        components = new CalibratedDetector[] {
                spike, levelShift, varianceChange, seasonal, spectralResidual};
    }

    /** Restores an ensemble from {@link #toBytes()}. */
    public static EnsembleDetector restore(byte[] state, DetectorConfig config) {
        EnsembleDetector detector = new EnsembleDetector(config);
        StateFormat.decode(state, KIND, "ensemble", detector::readState);
        return detector;
    }

    @Override
    public Detection update(long timestampMs, double value) {
        guard.check(timestampMs, value);
        double minProbability = 1.0;
        CalibratedDetector decisive = spike;
        for (CalibratedDetector component : components) {
            double p = component.step(timestampMs, value);
            if (p < minProbability) {
                minProbability = p;
                decisive = component;
            }
        }
        guard.accept(timestampMs);

        double probability = Math.min(1.0, components.length * minProbability);
        double rawScore = guard.points() <= LEARNING_POINTS ? 0.0 : Sensitivity.scoreOf(probability);
        double score = suppressRepeats(rawScore);
        boolean anomaly = score >= sensitivity.alarmScore() && score > 0;

        Detection band = (seasonal.periodMs() > 0 ? seasonal : spike).detection();
        return new Detection(score, band.expected(), band.lower(), band.upper(), anomaly,
                decisive.name());
    }

    /** Damps a score that does not exceed the decaying peak of recent scores. */
    private double suppressRepeats(double rawScore) {
        double peak = recentPeakScore;
        recentPeakScore = Math.max(rawScore, recentPeakScore * PEAK_DECAY);
        return rawScore > peak ? rawScore : rawScore * REPEAT_DAMPING;
    }

    @Override
    public void reconfigure(DetectorConfig config) {
        Sensitivity next = Sensitivity.of(config);
        for (CalibratedDetector component : components) {
            component.reconfigure(config);
        }
        this.sensitivity = next;
    }

    @Override
    public byte[] toBytes() {
        return StateFormat.encode(KIND, this::writeState);
    }

    private void writeState(DataOutputStream out) throws IOException {
        guard.write(out);
        out.writeDouble(recentPeakScore);
        for (CalibratedDetector component : components) {
            component.writeState(out);
        }
    }

    private void readState(DataInputStream in) throws IOException {
        guard.read(in);
        recentPeakScore = in.readDouble();
        for (CalibratedDetector component : components) {
            component.readState(in);
        }
    }
}
