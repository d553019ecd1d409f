package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Base of the single-view detectors: a model computes a non-negative deviation for each point,
 * and a {@link PeaksOverThreshold} tail model of that model's own past deviations turns it into
 * a tail probability, a score and a verdict.
 *
 * <p>Subclasses implement {@link #observe}: score the point first, then learn from it. The
 * serialized state is the {@link StateFormat} header, the {@link PointGuard}, the tail model and
 * then the subclass fields.
 */
abstract class CalibratedDetector implements StreamingDetector {

    /** Deviation, expected value and band unit of one point, filled by {@link #observe}. */
    static final class Observation {
        /** Non-negative deviation, or NaN while the model cannot judge points yet. */
        double deviation;
        double expected;
        /** Value units per unit of deviation, used to draw the band. */
        double scale;

        void set(double deviation, double expected, double scale) {
            this.deviation = deviation;
            this.expected = expected;
            this.scale = scale;
        }

        /** Marks the point as not judged: it scores 0 and does not enter the tail model. */
        void notReady(double expected) {
            set(Double.NaN, expected, 0.0);
        }
    }

    private final String name;
    private final byte kind;
    /** Size of this detector's snapshot, so that {@link #toBytes()} fills one exact array. */
    private final int stateBytes;
    private final PointGuard guard = new PointGuard();
    private final PeaksOverThreshold tail = new PeaksOverThreshold();
    private final Observation observation = new Observation();
    private Sensitivity sensitivity;
    private double lastProbability = 1.0;
    /** Band half-width in deviation units at the alarm probability, before the last point. */
    private double lastBandDeviation;

    CalibratedDetector(String name, byte kind, int stateBytes, DetectorConfig config) {
        this.name = name;
        this.kind = kind;
        this.stateBytes = stateBytes;
        this.sensitivity = Sensitivity.of(config);
    }

    /** Scores the point against the model, then updates the model with it. */
    abstract void observe(long timestampMs, double value, Observation out);

    abstract void writeModel(DataOutput out) throws IOException;

    abstract void readModel(DataInput in) throws IOException;

    @Override
    public final Detection update(long timestampMs, double value) {
        guard.check(timestampMs, value);
        step(timestampMs, value);
        guard.accept(timestampMs);
        return detection();
    }

    /** Scores and learns a point that the caller already checked; returns its tail probability. */
    final double step(long timestampMs, double value) {
        observe(timestampMs, value, observation);
        double deviation = observation.deviation;
        lastBandDeviation = tail.deviationAt(sensitivity.alarmProbability());
        if (Double.isNaN(deviation)) {
            lastProbability = 1.0;
        } else {
            lastProbability = tail.tailProbability(deviation);
            tail.learn(deviation);
        }
        return lastProbability;
    }

    /** Detection of the last point passed to {@link #step}. */
    final Detection detection() {
        double score = Sensitivity.scoreOf(lastProbability);
        double alarmProbability = sensitivity.alarmProbability();
        double halfWidth = Math.abs(observation.scale) * lastBandDeviation;
        double expected = observation.expected;
        return new Detection(score, expected, expected - halfWidth, expected + halfWidth,
                lastProbability < alarmProbability, name);
    }

    final double lastProbability() {
        return lastProbability;
    }

    final Observation lastObservation() {
        return observation;
    }

    final String name() {
        return name;
    }

    @Override
    public final void reconfigure(DetectorConfig config) {
        this.sensitivity = Sensitivity.of(config);
    }

    @Override
    public final byte[] toBytes() {
        return StateFormat.encode(kind, stateBytes, this::writeState);
    }

    final void restore(byte[] state) {
        StateFormat.decode(state, kind, name, this::readState);
    }

    final void writeState(DataOutput out) throws IOException {
        guard.write(out);
        tail.write(out);
        out.writeDouble(lastProbability);
        out.writeDouble(lastBandDeviation);
        writeModel(out);
    }

    final void readState(DataInput in) throws IOException {
        guard.read(in);
        tail.read(in);
        lastProbability = in.readDouble();
        lastBandDeviation = in.readDouble();
        readModel(in);
    }

    /** Serialized bytes that every calibrated detector spends on framing, guard and tail. */
    static final int BASE_STATE_BYTES = StateFormat.HEADER_BYTES + PointGuard.STATE_BYTES
            + PeaksOverThreshold.STATE_BYTES + 8 + 8;
}
