package com.znyw.core.kpi;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Detector choice of one series: the detector type and optional numeric parameters that
 * override the detector's defaults.
 *
 * @param type one of {@link #TYPES}
 * @param params parameter name to value; names follow the KPI name rules, values are finite
 */
public record DetectorSettings(String type, Map<String, Double> params) {

    /** Detector used for a newly discovered series. */
    public static final String DEFAULT_TYPE = "ensemble";

    /** Detector types of {@code com.znyw.ml.detect} that the detection job can build. */
    public static final Set<String> TYPES =
            Set.of("ensemble", "spike", "level-shift", "variance-change");

    public DetectorSettings {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new TreeMap<>(params));
    }

    /** Returns the settings of a newly discovered series: the ensemble with its defaults. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(DEFAULT_TYPE, Map.of());
    }
}
