package com.znyw.console.kpi;

import com.znyw.core.kpi.KpiConfig;

/** One line of the KPI list: the configuration and, if scored, its latest score. */
public record KpiRow(KpiConfig config, LatestScores.Latest latest) {

    public Double latestScore() {
        return latest == null ? null : latest.score();
    }
}
