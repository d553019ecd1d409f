package com.znyw.ml.detect;

/**
 * A model of one series that scores points as they arrive, one at a time, with no look-ahead.
 *
 * <p>Implementations are not thread-safe: a Flink keyed operator owns one instance per series.
 * The state must be small and serializable with {@link #toBytes()} so that Flink can snapshot it.
 */
public interface StreamingDetector {

    /**
     * Scores the point and then learns from it.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite, or the timestamp is
     *                                  older than the last accepted one; the state is unchanged
     */
    Detection update(long timestampMs, double value);

    /** Applies new settings; the next point is scored with them. Learned state is kept. */
    void reconfigure(DetectorConfig config);

    /** Serializes the learned state, without the configuration, in a compact binary form. */
    byte[] toBytes();
}
