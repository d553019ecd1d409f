package com.znyw.jobs.detection;

import java.util.Objects;

/**
 * The live configuration of one series as the detection job applies it, broadcast to every
 * parallel instance. Produced from the KPI registry; a series without settings is scored with
 * the job's defaults.
 *
 * <p>A Flink POJO: public fields and a no-argument constructor.
 */
public class SeriesSettings {

    /** Canonical series key. */
    public String series;
    /** Whether the series is scored at all. */
    public boolean enabled = true;
    /** Detector sensitivity 0..10. */
    public double sensitivity = 5.0;
    /** Registry document version; older versions than the one applied are ignored. */
    public long version;

    public SeriesSettings() {
    }

    public SeriesSettings(String series, boolean enabled, double sensitivity, long version) {
        this.series = series;
        this.enabled = enabled;
        this.sensitivity = sensitivity;
        this.version = version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesSettings that && enabled == that.enabled
                && Double.compare(sensitivity, that.sensitivity) == 0
                && version == that.version && Objects.equals(series, that.series);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, enabled, sensitivity, version);
    }

    @Override
    public String toString() {
        return "SeriesSettings{series=" + series + ", enabled=" + enabled + ", sensitivity="
                + sensitivity + ", version=" + version + "}";
    }
}
