package com.znyw.console.jobs;

/**
 * A Flink job as the Jobs page and {@code GET /api/v1/jobs} show it.
 *
 * @param name        FlinkDeployment name, or the job name on a MiniCluster
 * @param jobId       Flink job id, null until the job runs
 * @param state       Flink job state (RUNNING, SUSPENDED, FAILED...) or the desired state
 * @param lifecycle   the operator's lifecycle state (STABLE, DEPLOYED, SUSPENDED...); null on a MiniCluster
 * @param parallelism the desired parallelism
 * @param template    template the deployment came from, null if unknown
 * @param webUiUrl    link to the job's page in the Flink web UI
 */
public record JobInfo(String name, String jobId, String state, String lifecycle, Integer parallelism,
                      String taskManagerMemory, Double taskManagerCpu, String template,
                      String startTime, String webUiUrl) {
}
