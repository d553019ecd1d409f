package com.znyw.core.kpi;

import java.time.Instant;

/**
 * One change read by {@link KpiConfigRepository#readChangedSince}: a valid configuration, the
 * validation error that rejected a document, or the deletion of a series' configuration.
 *
 * @param id the document's {@code _id} as text
 * @param series the document's {@code series} field, or null if missing or not a string
 * @param updatedAt the document's {@code updatedAt}, or the time of the deletion; null if
 *                  missing or not a date
 * @param config the configuration, or null when {@code error} is set or for a deletion
 * @param error why the document was rejected, or null when valid
 * @param deletedVersion for a deletion, the version after the last one the configuration had
 *                       (so it orders after every version of the deleted configuration); 0
 *                       otherwise
 */
public record KpiConfigRead(String id, String series, Instant updatedAt, KpiConfig config,
        InvalidKpiConfigException error, long deletedVersion) {

    /** Returns the read of a valid configuration. */
    public static KpiConfigRead of(String id, KpiConfig config, Instant updatedAt) {
        return new KpiConfigRead(id, config.series(), updatedAt, config, null, 0);
    }

    /** Returns the read of a document that failed validation. */
    public static KpiConfigRead rejected(String id, String series, Instant updatedAt,
            InvalidKpiConfigException error) {
        return new KpiConfigRead(id, series, updatedAt, null, error, 0);
    }

    /** Returns the read of a deleted configuration. */
    public static KpiConfigRead deletion(String id, String series, Instant deletedAt,
            long deletedVersion) {
        return new KpiConfigRead(id, series, deletedAt, null, null, deletedVersion);
    }

    /** Tells whether this read is a deletion rather than a configuration. */
    public boolean deleted() {
        return deletedVersion > 0;
    }

    /** Tells whether this read is not a rejected document: a configuration or a deletion. */
    public boolean valid() {
        return error == null;
    }
}
