package com.znyw.core.kpi;

import java.time.Instant;

/**
 * One document read by {@link KpiConfigRepository#readChangedSince}: either a valid configuration
 * or the validation error that rejected it.
 *
 * @param id the document's {@code _id} as text
 * @param series the document's {@code series} field, or null if missing or not a string
 * @param updatedAt the document's {@code updatedAt}, or null if missing or not a date
 * @param config the configuration, or null when {@code error} is set
 * @param error why the document was rejected, or null when valid
 */
public record KpiConfigRead(String id, String series, Instant updatedAt, KpiConfig config,
        InvalidKpiConfigException error) {

    public boolean valid() {
        return error == null;
    }
}
