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
        throw new UnsupportedOperationException("ensemble not built yet");
    }

    /** Restores an ensemble detector from {@link StreamingDetector#toBytes()}. */
    public static StreamingDetector restoreEnsemble(byte[] state, DetectorConfig config) {
        throw new UnsupportedOperationException("ensemble not built yet");
    }
}
