package com.znyw.jobs.detection;

import java.util.Objects;

/**
 * The live configuration of one series as the detection job applies it, broadcast to every
 * parallel instance. Produced from the KPI registry; a series without settings is scored with
 * the job's defaults. Settings with {@link #removed} set report that the series' configuration
 * was deleted, so the job drops what it applied and returns to its defaults.
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
    /** Whether the configuration was deleted; the other fields then carry no settings. */
    public boolean removed;

    public SeriesSettings() {
    }

    public SeriesSettings(String series, boolean enabled, double sensitivity, long version) {
        this.series = series;
        this.enabled = enabled;
        this.sensitivity = sensitivity;
        this.version = version;
    }

    /**
     * Returns the settings that report the deletion of a series' configuration.
     *
     * @param version the version after the last one the deleted configuration had
     */
    public static SeriesSettings removal(String series, long version) {
        SeriesSettings settings = new SeriesSettings(series, true, 5.0, version);
        settings.removed = true;
        return settings;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesSettings that && enabled == that.enabled
                && Double.compare(sensitivity, that.sensitivity) == 0
                && version == that.version && removed == that.removed
                && Objects.equals(series, that.series);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, enabled, sensitivity, version, removed);
    }

    @Override
    public String toString() {
        return "SeriesSettings{series=" + series + ", enabled=" + enabled + ", sensitivity="
                + sensitivity + ", version=" + version + (removed ? ", removed" : "") + "}";
    }
}
