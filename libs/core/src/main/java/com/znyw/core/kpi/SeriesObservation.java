package com.znyw.core.kpi;

/**
 * Summary of one series in one discovery window: the part of the window statistics that the
 * registry stores.
 *
 * @param series canonical series key
 * @param firstSeenMs event time of the earliest point in the window, epoch milliseconds
 * @param lastSeenMs event time of the latest point in the window, epoch milliseconds
 * @param intervalMs expected interval to register if the series is new, already within
 *     {@link KpiConfigValidator#MIN_EXPECTED_INTERVAL_MS} .. {@code MAX_EXPECTED_INTERVAL_MS}
 */
public record SeriesObservation(String series, long firstSeenMs, long lastSeenMs,
        long intervalMs) {
}
