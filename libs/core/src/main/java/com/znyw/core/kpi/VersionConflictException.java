package com.znyw.core.kpi;

/**
 * An update carried an outdated {@code version}: someone else changed the configuration after it
 * was read. The caller should reload the current version, reapply its change and save again.
 */
public class VersionConflictException extends RuntimeException {

    private final String series;
    private final long expectedVersion;
    private final long currentVersion;

    public VersionConflictException(String series, long expectedVersion, long currentVersion) {
        super("KPI configuration '" + series + "' was changed by someone else: expected version "
                + expectedVersion + " but the stored version is " + currentVersion
                + "; reload it and apply the change again");
        this.series = series;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public String series() {
        return series;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
