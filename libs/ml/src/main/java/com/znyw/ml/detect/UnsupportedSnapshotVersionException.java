package com.znyw.ml.detect;

/**
 * Thrown when a detector snapshot was written in another format version than the one this
 * library reads, typically by an earlier release. No detector of this version can continue from
 * such bytes, so a caller that can afford to learn the series again starts a new detector.
 */
public final class UnsupportedSnapshotVersionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int foundVersion;
    private final int expectedVersion;

    UnsupportedSnapshotVersionException(String detectorName, int foundVersion, int expectedVersion) {
        super("Unsupported " + detectorName + " snapshot format version " + foundVersion
                + ", expected " + expectedVersion + "; start a new detector instead");
        this.foundVersion = foundVersion;
        this.expectedVersion = expectedVersion;
    }

    /** Returns the format version found in the snapshot. */
    public int foundVersion() {
        return foundVersion;
    }

    /** Returns the format version this library reads. */
    public int expectedVersion() {
        return expectedVersion;
    }
}
