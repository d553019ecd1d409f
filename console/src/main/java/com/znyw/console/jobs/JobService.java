package com.znyw.console.jobs;

import java.util.List;

/**
 * Lists and steers the Flink jobs: FlinkDeployments through the Flink Kubernetes Operator in
 * Kubernetes mode, or the local MiniCluster through the Flink REST API in embedded mode.
 */
public interface JobService {

    /** True when jobs are FlinkDeployments that can be deployed, suspended and resumed. */
    boolean managesDeployments();

    List<JobInfo> list();

    /** Names of the templates jobs can be deployed from. */
    List<String> templates();

    JobInfo deploy(String actor, DeployRequest request);

    /** Stops the job with a savepoint; it keeps its state for {@link #resume}. */
    JobInfo suspend(String actor, String name);

    /** Starts a suspended job again from its last savepoint. */
    JobInfo resume(String actor, String name);

    /** Changes the parallelism; the operator redeploys through a savepoint. */
    JobInfo scale(String actor, String name, int parallelism);
}
