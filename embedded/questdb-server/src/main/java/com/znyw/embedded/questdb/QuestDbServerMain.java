package com.znyw.embedded.questdb;

import com.znyw.embedded.server.ServerArgs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import io.questdb.ServerMain;

/**
 * Runs an embedded QuestDB 9.3 with its root (tables, WAL, generated {@code conf/}) in a given
 * folder and every listener on 127.0.0.1.
 *
 * <p>Usage: {@code QuestDbServerMain --data-dir DIR [--http-port N] [--pg-port N]
 * [--ilp-port N] [--parent-pid PID]}. A port of 0 or none picks a free one. Listeners:
 * HTTP (REST {@code /exec}, the web console and the InfluxDB line-protocol endpoints
 * {@code /write} and {@code /api/v2/write}), PostgreSQL wire (user {@code admin}, password
 * {@code quest}, database {@code qdb}) and ILP over TCP. The minimal health server and ILP over UDP
 * are off, and so is telemetry. The worker pools are small and sleep early, see
 * {@link #putWorkerSettings}. {@code QDB_*} variables in this process's environment override
 * any setting except the listener addresses ({@code *_BIND_TO}). Prints
 * {@code ZNYW-READY httpPort=N pgPort=N ilpPort=N} once serving. SIGTERM, or the end of the
 * parent process, closes the server cleanly. Exit status 3 means a port was taken; 1 means any
 * other start failure; 2 means bad options.
 */
public final class QuestDbServerMain {

    private static final Set<String> OPTIONS = Set.of("data-dir", "http-port", "pg-port", "ilp-port", "parent-pid");

    private QuestDbServerMain() {
    }

    public static void main(String[] args) {
        ServerArgs options;
        Path dataDir;
        int httpPort;
        int pgPort;
        int ilpPort;
        try {
            options = ServerArgs.parse(args, OPTIONS);
            dataDir = options.dataDir();
            httpPort = options.portOrFree("http-port");
            pgPort = options.portOrFree("pg-port");
            ilpPort = options.portOrFree("ilp-port");
            if (httpPort == pgPort || httpPort == ilpPort || pgPort == ilpPort) {
                throw new IllegalArgumentException("HTTP, PostgreSQL and ILP ports must differ, got "
                        + httpPort + ", " + pgPort + " and " + ilpPort);
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("Invalid arguments: " + e.getMessage());
            System.exit(2);
            return;
        }
        options.exitWithParent();

        ServerMain server;
        try {
            Map<String, String> env = environment(httpPort, pgPort, ilpPort);
            env.putAll(overrides(System.getenv()));
            server = ServerMain.create(dataDir.toString(), env);
            server.start(false);
            server.awaitStartup();
        } catch (Throwable e) {
            System.err.println("QuestDB failed to start in " + dataDir + " on ports " + httpPort + "/" + pgPort
                    + "/" + ilpPort + ": " + e);
            e.printStackTrace();
            System.exit(ServerArgs.isBindFailure(e, "could not bind") ? ServerArgs.EXIT_BIND_FAILED : 1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Stopping QuestDB on HTTP port " + httpPort);
            server.close();
            System.err.println("QuestDB stopped");
            stopped.countDown();
        }, "questdb-shutdown"));

        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("httpPort", server.getHttpServerPort());
        ready.put("pgPort", server.getPgWireServerPort());
        ready.put("ilpPort", ilpPort);
        ServerArgs.printReady(ready);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sizes QuestDB's worker pools for a small machine shared with Kafka and Flink, and lets idle
     * workers sleep early.
     *
     * <p>QuestDB 9.3's defaults give each pool (network, query, write, WAL apply) one thread per
     * core. An idle worker loops through 10 spins, then up to 7000 {@code Thread.yield()} calls
     * and short naps, before it sleeps 10 ms at a time. Line-protocol requests that arrive every
     * few milliseconds keep the workers from reaching the sleep, so the yielding takes CPU that
     * the Flink job on the same cores needs. Here each pool has one thread, which sleeps 1 ms at a
     * time after 50 idle loops. With 5000-line requests at about 75,000 rows/s, that cut
     * QuestDB's CPU per row from 8.4 to 3.6 µs after JIT warm-up (flink-jobs'
     * {@code StoreLoadBenchmark}, numbers in docs/benchmarks.md), and raised its idle CPU from 2 %
     * to 4 % of one core. A request that finds every worker asleep waits up to 1 ms. The
     * environment can override each value.
     */
    static void putWorkerSettings(Map<String, String> env) {
        env.put("QDB_SHARED_NETWORK_WORKER_COUNT", "1");
        env.put("QDB_SHARED_QUERY_WORKER_COUNT", "1");
        env.put("QDB_SHARED_WRITE_WORKER_COUNT", "1");
        env.put("QDB_WAL_APPLY_WORKER_COUNT", "1");
        for (String pool : new String[] {"SHARED_WORKER", "WAL_APPLY_WORKER"}) {
            env.put("QDB_" + pool + "_NAP_THRESHOLD", "20");
            env.put("QDB_" + pool + "_SLEEP_THRESHOLD", "50");
            env.put("QDB_" + pool + "_SLEEP_TIMEOUT", "1");
        }
    }

    /**
     * Lets an out-of-order commit split a partition of more than 4 MiB instead of rewriting it.
     *
     * <p>The detection job writes from one sink per parallel subtask, and the subtasks write the
     * same minutes, so most commits reach back before the newest row of the day's partition.
     * QuestDB then merges them in. When the part of the partition before the first merged row is
     * smaller than {@code cairo.o3.partition.split.min.size} (50 MB by default), it copies that
     * whole part into a new version of the partition on every such commit; above it, it splits
     * the partition there and rewrites only the rows after it, and squashes the splits later.
     * A day of a few thousand series at one point a minute stays below 50 MB, so the default made
     * every overlapping commit copy the day so far. With 5500-line requests that overlap their
     * predecessor, QuestDB's CPU per row went from 8.1 to 9.2 µs to 5.5 to 6.8 µs with a 1 to
     * 4 MiB threshold ({@code StoreLoadBenchmark --batch-size 5500}, numbers in
     * docs/benchmarks.md). The environment can override the value.
     */
    static void putOutOfOrderSettings(Map<String, String> env) {
        env.put("QDB_CAIRO_O3_PARTITION_SPLIT_MIN_SIZE", String.valueOf(4 * 1024 * 1024));
    }

    /**
     * Returns the {@code QDB_*} variables of {@code processEnv}, which override the embedded
     * defaults, except the listener addresses: every listener stays on 127.0.0.1.
     */
    static Map<String, String> overrides(Map<String, String> processEnv) {
        Map<String, String> overrides = new HashMap<>();
        for (Map.Entry<String, String> variable : processEnv.entrySet()) {
            String key = variable.getKey();
            if (key.startsWith("QDB_") && !key.endsWith("_BIND_TO")) {
                overrides.put(key, variable.getValue());
            }
        }
        if (!overrides.isEmpty()) {
            // Keys only: a value may be a password.
            System.err.println("QuestDB settings from the environment: " + new TreeMap<>(overrides).keySet());
        }
        return overrides;
    }

    /**
     * Returns the configuration overrides, as the {@code QDB_*} environment variables that QuestDB
     * reads before {@code conf/server.conf}.
     */
    static Map<String, String> environment(int httpPort, int pgPort, int ilpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("QDB_HTTP_ENABLED", "true");
        env.put("QDB_HTTP_NET_BIND_TO", "127.0.0.1:" + httpPort);
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_PG_ENABLED", "true");
        env.put("QDB_PG_NET_BIND_TO", "127.0.0.1:" + pgPort);
        env.put("QDB_LINE_TCP_ENABLED", "true");
        env.put("QDB_LINE_TCP_NET_BIND_TO", "127.0.0.1:" + ilpPort);
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_LINE_UDP_BIND_TO", "127.0.0.1:" + ilpPort);
        env.put("QDB_TELEMETRY_ENABLED", "false");
        env.put("QDB_TELEMETRY_DISABLE_COMPLETELY", "true");
        env.put("QDB_METRICS_ENABLED", "false");
        putWorkerSettings(env);
        putOutOfOrderSettings(env);
        return env;
    }
}
