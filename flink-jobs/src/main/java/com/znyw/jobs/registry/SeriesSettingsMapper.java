package com.znyw.jobs.registry;

import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.kpi.KpiState;
import com.znyw.jobs.detection.SeriesSettings;

/** Maps a registry entry to the settings the detection job applies. */
public final class SeriesSettingsMapper {

    private SeriesSettingsMapper() {
    }

    /** Returns the settings of {@code config}; a retired series is disabled. */
    public static SeriesSettings toSettings(KpiConfig config) {
        boolean enabled = config.enabled() && config.state() != KpiState.RETIRED;
        return new SeriesSettings(config.series(), enabled, config.sensitivity(),
                config.version());
    }
}
