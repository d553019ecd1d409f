package com.znyw.jobs.registry;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Settings of {@link KpiConfigSource}. */
public final class RegistrySourceOptions {

    public static final ConfigOption<Duration> POLL_INTERVAL = ConfigOptions
            .key("znyw.registry.poll-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .withDescription("Time between two reads of changed KPI configurations; a change"
                    + " reaches the detection job within about this long.");

    public static final ConfigOption<Duration> LOOKBACK = ConfigOptions
            .key("znyw.registry.lookback")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("How far before the newest updatedAt already read each poll reads"
                    + " again, so that a change saved by a writer whose clock is behind is not"
                    + " missed. Versions already emitted are not emitted twice.");

    private RegistrySourceOptions() {
    }
}
