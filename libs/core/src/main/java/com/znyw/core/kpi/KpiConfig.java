package com.znyw.core.kpi;

import com.znyw.core.model.SeriesKey;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registry entry of one KPI series: how the operators want it watched and what discovery has
 * observed. Instances are immutable; change one with the {@code with...} methods and save it with
 * {@link KpiConfigRepository#update(KpiConfig)}.
 *
 * <p>Stored in the MongoDB collection {@code kpi_configs} of database {@code znyw}, one document
 * per series:
 *
 * <pre>
 * {
 *   "_id":                ObjectId,
 *   "series":             "txn_latency_ms{host=app-07,idc=BJ}", // canonical SeriesKey, unique
 *   "kpi":                "txn_latency_ms",
 *   "tags":               {"host": "app-07", "idc": "BJ"},      // sorted by key
 *   "tagPairs":           ["host=app-07", "idc=BJ"],            // for the by-tag index
 *   "displayName":        "txn_latency_ms{host=app-07,idc=BJ}", // 1..200 characters
 *   "unit":               "ms",                                 // 0..32 characters, "" if unknown
 *   "owner":              "core-banking-ops",                   // 0..128 characters, "" if unassigned
 *   "enabled":            true,                                 // false: the series is not scored
 *   "sensitivity":        5.0,                                  // 0 (fewest alarms) .. 10 (most)
 *   "detector":           {"type": "ensemble", "params": {}},   // see DetectorSettings
 *   "expectedIntervalMs": NumberLong(60000),                     // 100 ms .. 7 days
 *   "firstSeen":          ISODate or null,                      // earliest point observed
 *   "lastSeen":           ISODate or null,                      // latest point observed
 *   "state":              "ACTIVE" | "SILENT" | "RETIRED",
 *   "stateChangedAt":     ISODate,
 *   "version":            NumberLong(1),                        // +1 on every configuration change
 *   "createdAt":          ISODate,
 *   "updatedAt":          ISODate                               // time of the last configuration change
 * }
 * </pre>
 *
 * <p>{@code version} and {@code updatedAt} change only when the configuration changes (the
 * fields an operator edits, and retiring). Observations by the discovery job ({@code firstSeen},
 * {@code lastSeen}) and its {@code ACTIVE}/{@code SILENT} transitions leave both alone, so an
 * operator's edit never fails on a version conflict caused by discovery, and the live
 * configuration source, which polls by {@code updatedAt}, sees only configuration changes.
 * {@link KpiConfigValidator} states the allowed range of each field.
 *
 * @param series canonical series key, as {@link SeriesKey#toString()}
 * @param kpi KPI name of the series
 * @param tags tags of the series, sorted by key
 * @param firstSeen event time of the earliest observed point, or null if never observed
 * @param lastSeen event time of the latest observed point, or null if never observed
 * @param stateChangedAt when {@code state} last changed
 * @param version optimistic-locking version, starting at 1
 */
public record KpiConfig(
        String series,
        String kpi,
        Map<String, String> tags,
        String displayName,
        String unit,
        String owner,
        boolean enabled,
        double sensitivity,
        DetectorSettings detector,
        long expectedIntervalMs,
        Instant firstSeen,
        Instant lastSeen,
        KpiState state,
        Instant stateChangedAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Sensitivity given to a newly discovered series. */
    public static final double DEFAULT_SENSITIVITY = 5.0;

    public KpiConfig {
        tags = tags == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    /**
     * Creates the configuration of a series with defaults: enabled, sensitivity 5, the ensemble
     * detector, state {@code ACTIVE}, version 1, and the canonical key as display name.
     *
     * @param expectedIntervalMs the interval the series is expected to report at
     * @param firstSeen earliest observed point, or null for a series configured before it reports
     * @param lastSeen latest observed point, or null
     * @param now creation time
     */
    public static KpiConfig withDefaults(SeriesKey key, long expectedIntervalMs, Instant firstSeen,
            Instant lastSeen, Instant now) {
        return new KpiConfig(key.toString(), key.kpi(), key.tags(), key.toString(), "", "", true,
                DEFAULT_SENSITIVITY, DetectorSettings.defaults(), expectedIntervalMs, firstSeen,
                lastSeen, KpiState.ACTIVE, now, 1, now, now);
    }

    /** Returns the series key parsed from {@link #series()}. */
    public SeriesKey seriesKey() {
        return SeriesKey.parse(series);
    }

    public KpiConfig withDisplayName(String value) {
        return new KpiConfig(series, kpi, tags, value, unit, owner, enabled, sensitivity, detector,
                expectedIntervalMs, firstSeen, lastSeen, state, stateChangedAt, version, createdAt,
                updatedAt);
    }

    public KpiConfig withUnit(String value) {
        return new KpiConfig(series, kpi, tags, displayName, value, owner, enabled, sensitivity,
                detector, expectedIntervalMs, firstSeen, lastSeen, state, stateChangedAt, version,
                createdAt, updatedAt);
    }

    public KpiConfig withOwner(String value) {
        return new KpiConfig(series, kpi, tags, displayName, unit, value, enabled, sensitivity,
                detector, expectedIntervalMs, firstSeen, lastSeen, state, stateChangedAt, version,
                createdAt, updatedAt);
    }

    public KpiConfig withEnabled(boolean value) {
        return new KpiConfig(series, kpi, tags, displayName, unit, owner, value, sensitivity,
                detector, expectedIntervalMs, firstSeen, lastSeen, state, stateChangedAt, version,
                createdAt, updatedAt);
    }

    public KpiConfig withSensitivity(double value) {
        return new KpiConfig(series, kpi, tags, displayName, unit, owner, enabled, value, detector,
                expectedIntervalMs, firstSeen, lastSeen, state, stateChangedAt, version, createdAt,
                updatedAt);
    }

    public KpiConfig withDetector(DetectorSettings value) {
        return new KpiConfig(series, kpi, tags, displayName, unit, owner, enabled, sensitivity,
                value, expectedIntervalMs, firstSeen, lastSeen, state, stateChangedAt, version,
                createdAt, updatedAt);
    }

    public KpiConfig withExpectedIntervalMs(long value) {
        return new KpiConfig(series, kpi, tags, displayName, unit, owner, enabled, sensitivity,
                detector, value, firstSeen, lastSeen, state, stateChangedAt, version, createdAt,
                updatedAt);
    }
}
