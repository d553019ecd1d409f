package com.znyw.core.kpi;

import java.util.List;

/**
 * Outcome of {@link KpiConfigRepository#recordObservations}.
 *
 * @param registered series that got a new configuration with defaults
 * @param resumed configurations that went from {@code SILENT} back to {@code ACTIVE}
 */
public record ObservationResult(List<String> registered, List<KpiConfig> resumed) {
}
