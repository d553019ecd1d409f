package com.znyw.console.kpi;

/** Sort orders of the KPI list. */
public enum KpiSort {
    SERIES, LATEST_SCORE, STATE, UPDATED_AT
}
