package com.znyw.jobs.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink MiniCluster with the Flink web UI, the REST API and every other endpoint on
 * 127.0.0.1, for the demo and for running jobs on one machine. It serves the same REST API as a
 * session cluster, so the console submits and watches jobs the same way in both cases.
 *
 * <p>Run it on its own with {@link #main(String[])}; it prints {@code ZNYW-READY rest=<url>} once
 * the REST API responds, and stops on SIGTERM or Ctrl-C.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

    private static final String LOOPBACK = "127.0.0.1";

    /** Maximum wait for a job to cancel or for the cluster to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final MiniCluster cluster;
    private final URI restAddress;

    private LocalFlinkCluster(MiniCluster cluster, URI restAddress) {
        this.cluster = cluster;
        this.restAddress = restAddress;
    }

    /**
     * Starts the cluster.
     *
     * @param restPort port of the REST API and web UI; 0 picks a free one
     * @param slots    task slots of its single TaskManager
     * @param workDir  folder for checkpoints and temporary files
     */
    public static LocalFlinkCluster start(int restPort, int slots, Path workDir) throws Exception {
        Configuration config = new Configuration();
        config.set(RestOptions.ADDRESS, LOOPBACK);
        config.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        config.set(RestOptions.BIND_PORT, String.valueOf(restPort));
        // Without these, the BLOB server and the RPC and shuffle endpoints bind to every interface.
        config.set(JobManagerOptions.ADDRESS, LOOPBACK);
        config.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        config.set(TaskManagerOptions.HOST, LOOPBACK);
        config.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        config.set(CoreOptions.TMP_DIRS, workDir.resolve("tmp").toAbsolutePath().toString());
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                workDir.resolve("checkpoints").toUri().toString());
        config.set(CheckpointingOptions.SAVEPOINT_DIRECTORY,
                workDir.resolve("savepoints").toUri().toString());
        config.set(PipelineOptions.GENERIC_TYPES, false);
        java.nio.file.Files.createDirectories(workDir.resolve("tmp"));

        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.start();
        URI rest = cluster.getRestAddress().get();
        LOG.info("Started Flink MiniCluster with {} slots; web UI and REST API at {}", slots, rest);
        return new LocalFlinkCluster(cluster, rest);
    }

    /** Base URL of the REST API and web UI, such as {@code http://127.0.0.1:8081}. */
    public URI restAddress() {
        return restAddress;
    }

    /** Submits the job that {@code env} describes and returns at once with its id. */
    public JobID submit(StreamExecutionEnvironment env, String jobName) throws Exception {
        StreamGraph streamGraph = env.getStreamGraph();
        streamGraph.setJobName(jobName);
        JobGraph graph = streamGraph.getJobGraph();
        JobID id = cluster.submitJob(graph).get().getJobID();
        LOG.info("Submitted job {} as {}", jobName, id);
        return id;
    }

    /** Cancels a job, ignoring one that has already ended. */
    public void cancel(JobID job) {
        try {
            cluster.cancelJob(job).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("Cancelled job {}", job);
        } catch (Exception e) {
            LOG.warn("Cancelling job {} failed: {}", job, e.toString());
        }
    }

    /**
     * Stops the cluster, waiting at most {@link #STOP_TIMEOUT}. On Ctrl-C the Kafka broker may be
     * gone already, and tasks that wait for it would otherwise hold the shutdown for minutes.
     */
    @Override
    public void close() throws Exception {
        try {
            cluster.closeAsync().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("Stopped Flink MiniCluster at {}", restAddress);
        } catch (TimeoutException e) {
            LOG.warn("Flink MiniCluster at {} did not stop within {} s; leaving it to JVM exit",
                    restAddress, STOP_TIMEOUT.toSeconds());
        }
    }

    /** Runs the cluster until the process is stopped. Arguments: {@code [restPort] [slots] [workDir]}. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        int slots = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path workDir = Path.of(args.length > 2 ? args[2] : ".work/flink");
        LocalFlinkCluster local = start(port, slots, workDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                local.close();
            } catch (Exception e) {
                LOG.warn("Stopping the MiniCluster failed: {}", e.toString());
            }
            stopped.countDown();
        }, "flink-minicluster-shutdown"));
        System.out.println("ZNYW-READY rest=" + local.restAddress());
        stopped.await();
    }
}
