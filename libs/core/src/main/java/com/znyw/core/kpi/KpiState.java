package com.znyw.core.kpi;

/**
 * Reporting state of a registered series.
 *
 * <ul>
 *   <li>{@code ACTIVE}: points arrive within the expected interval.
 *   <li>{@code SILENT}: no point for the configured number of expected intervals; the discovery
 *       job sets it and sets {@code ACTIVE} again when the series reports a newer point.
 *   <li>{@code RETIRED}: an operator declared the series gone. Discovery never changes a
 *       retired series' state, so a decommissioned exporter raises no silence events.
 * </ul>
 */
public enum KpiState {
    ACTIVE,
    SILENT,
    RETIRED
}
