package com.znyw.ml.detect;

/**
 * Entry point used by jobs and benchmarks: creates the production ensemble and restores it from
 * a snapshot.
 */
public final class Detectors {

    private Detectors() {
    }

    /** Creates a fresh ensemble detector for one series. */
    public static StreamingDetector newEnsemble(DetectorConfig config) {
        return new EnsembleDetector(config);
    }

    /**
     * Restores an ensemble detector from {@link StreamingDetector#toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not an ensemble snapshot of this version
     */
    public static StreamingDetector restoreEnsemble(byte[] state, DetectorConfig config) {
        return EnsembleDetector.restore(state, config);
    }
}
