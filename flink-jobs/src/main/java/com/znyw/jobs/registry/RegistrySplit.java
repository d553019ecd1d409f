package com.znyw.jobs.registry;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The single split of {@link KpiConfigSource}: the whole {@code kpi_configs} collection, with
 * the newest {@code updatedAt} (epoch milliseconds) whose settings were already emitted.
 */
public final class RegistrySplit implements SourceSplit {

    static final String ID = "kpi_configs";

    private final long cursorMs;

    public RegistrySplit(long cursorMs) {
        this.cursorMs = cursorMs;
    }

    public long cursorMs() {
        return cursorMs;
    }

    @Override
    public String splitId() {
        return ID;
    }

    @Override
    public String toString() {
        return "RegistrySplit{cursorMs=" + cursorMs + "}";
    }
}
