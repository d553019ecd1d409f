package com.znyw.jobs.demo;

import com.znyw.core.model.KpiPointCodec;
import com.znyw.core.tsdb.QuestDbScoreRepository;
import com.znyw.embedded.EmbeddedKafka;
import com.znyw.embedded.EmbeddedQuestDb;
import com.znyw.embedded.EmbeddedServices;
import com.znyw.embedded.EmbeddedServices.Service;
import com.znyw.jobs.detection.DetectionJob;
import com.znyw.jobs.detection.DetectionOptions;
import com.znyw.jobs.discovery.DiscoveryJob;
import com.znyw.jobs.discovery.DiscoveryOptions;
import com.znyw.jobs.registry.KpiConfigSource;
import com.znyw.jobs.runtime.LocalFlinkCluster;
import com.znyw.jobs.text.CliText;
import com.znyw.jobs.text.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code znyw demo}: the whole product on one machine, fed with real NAB series.
 *
 * <ol>
 *   <li>starts a Kafka broker, MongoDB (mongo-java-server) and QuestDB, each in its own JVM on
 *       127.0.0.1, with their data under the working folder;</li>
 *   <li>starts a Flink MiniCluster with the web UI and submits the detection job (with live
 *       settings from the KPI registry) and the discovery job;</li>
 *   <li>starts the console in its own JVM;</li>
 *   <li>replays every NAB file into {@code kpi-points} at a speed-up, printing progress;</li>
 *   <li>prints per-series anomaly counts and the NAB score of what the job wrote, next to the
 *       library's score on the same points, then waits for Ctrl-C.</li>
 * </ol>
 * Everything it started is stopped on exit, also on Ctrl-C.
 */
public final class DemoCommand {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final DemoOptions options;
    private final PrintStream out;
    private final CliText text;
    /** Resources the demo started, newest first, which is the order to stop them in. */
    private final List<AutoCloseable> started = new ArrayList<>();
    /** Set by the shutdown hook, so the replay stops sending instead of running on. */
    private volatile boolean stopping;

    public DemoCommand(DemoOptions options, PrintStream out, CliText text) {
        this.options = options;
        this.out = out;
        this.text = text;
    }

    /** Runs the demo; returns the process exit code. */
    public int run() throws Exception {
        NabReplayPlan plan = NabReplayPlan.load(options.data(), System.currentTimeMillis());
        checkPortsFree();
        Path workDir = prepareWorkDir();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            stopping = true;
            out.println(text.get("demo.stopping"));
            stopAll();
            stopped.countDown();
        }, "znyw-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        out.println(text.get("demo.header", plan.series().size(), plan.pointCount(),
                workDir.toAbsolutePath()));
        out.println(text.get("demo.starting.servers"));
        EmbeddedServices services = EmbeddedServices.start(workDir.resolve("services"),
                EnumSet.of(Service.KAFKA, Service.MONGO, Service.QUESTDB));
        started.add(0, services);
        DemoTopics topics = DemoTopics.create(services.kafka());
        QuestDbScoreRepository scores = new QuestDbScoreRepository(services.questDb().pgJdbcUrl(),
                EmbeddedQuestDb.PG_USER, EmbeddedQuestDb.PG_PASSWORD);
        scores.createTableIfMissing();

        out.println(text.get("demo.starting.flink"));
        LocalFlinkCluster flink = LocalFlinkCluster.start(options.flinkPort(), 4, workDir.resolve("flink"));
        started.add(0, flink);
        double speedup = speedup(plan);
        Configuration config = jobConfig(services, topics, speedup);
        submitDetection(flink, config, services);
        submitDiscovery(flink, config);

        ConsoleProcess console = null;
        if (options.withConsole()) {
            out.println(text.get("demo.starting.console"));
            console = ConsoleProcess.start(workDir.resolve("console"), options.consolePort(),
                    services.mongo().connectionString(), services.questDb().pgJdbcUrl(),
                    flink.restAddress().toString(), adminPassword());
            started.add(0, console);
        }

        out.println();
        out.println(text.get("demo.flinkUi", flink.restAddress()));
        if (console != null) {
            out.println(text.get("demo.console", console.url(), console.adminPassword()));
        }
        out.println();

        DemoProgress progress = new DemoProgress(out, text, scores, plan.pointCount());
        try {
            replay(plan, speedup, services.kafka(), topics.points(), progress);
        } catch (IllegalStateException e) {
            if (!stopping) {
                throw e;
            }
            // Ctrl-C during the replay: the shutdown hook is stopping everything.
            stopped.await();
            return 130;
        }
        progress.awaitScored(Duration.ofMinutes(3));
        new DemoSummary(out, text, plan, scores, services.mongo().connectionString()).print();

        if (options.exitAfterReplay()) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            stopAll();
            return 0;
        }
        out.println();
        out.println(text.get("demo.keepRunning"));
        stopped.await();
        return 0;
    }

    /** Claims and empties the working folder; it is released when the demo stops. */
    private Path prepareWorkDir() throws IOException {
        DemoWorkDir workDir = DemoWorkDir.claim(options.workDir());
        started.add(0, workDir);
        return workDir.root();
    }

    /**
     * Checks that the fixed ports are free before anything starts, so a busy port fails in one
     * line that names it and not deep inside Flink or Spring.
     */
    private void checkPortsFree() {
        checkPortFree(options.flinkPort(), "--flink-port");
        if (options.withConsole()) {
            checkPortFree(options.consolePort(), "--console-port");
        }
    }

    private static void checkPortFree(int port, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UsageException("demo.port.busy", port, option);
        }
    }

    private Configuration jobConfig(EmbeddedServices services, DemoTopics topics, double speedup) {
        Configuration config = new Configuration();
        // The replay compresses event time by the speed-up, so a second of wall-clock skew between
        // Kafka partitions (a busy machine, a partition marked idle) is days of event time. The
        // demo therefore drops no point for lateness against the watermark: a point is late only
        // when its own series has already scored a newer one. The processing-time flush still
        // scores each point within seconds.
        Duration jitter = Duration.ofMillis((long) (Duration.ofSeconds(10).toMillis() * Math.max(1, speedup)));
        config.set(DetectionOptions.OUT_OF_ORDERNESS, jitter);
        config.set(DetectionOptions.ALLOWED_LATENESS, Duration.ofDays(365L * 100));
        // Discovery registers a series when its first window closes, so its bound stays short:
        // a point it drops as late costs nothing while later points of the series arrive in time.
        config.set(DiscoveryOptions.MAX_OUT_OF_ORDERNESS, Duration.ofHours(1));
        // NAB series report every 5 to 60 minutes. A window must hold several points of a series
        // to measure its interval, so the demo's windows are a day of event time.
        config.set(DiscoveryOptions.WINDOW_SIZE, Duration.ofDays(1));
        config.set(DetectionOptions.KAFKA_BOOTSTRAP_SERVERS, services.kafka().bootstrapServers());
        config.set(DetectionOptions.POINTS_TOPIC, topics.points());
        config.set(DetectionOptions.ANOMALIES_TOPIC, topics.anomalies());
        config.set(DetectionOptions.DEAD_LETTER_TOPIC, topics.deadLetters());
        config.set(DetectionOptions.STORE_URL, services.questDb().httpUrl());
        config.set(DetectionOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(5));
        config.set(DiscoveryOptions.KAFKA_BOOTSTRAP_SERVERS, services.kafka().bootstrapServers());
        config.set(DiscoveryOptions.POINTS_TOPIC, topics.points());
        config.set(DiscoveryOptions.EVENTS_TOPIC, topics.events());
        config.set(DiscoveryOptions.MONGO_URI, services.mongo().connectionString());
        return config;
    }

    private void submitDetection(LocalFlinkCluster flink, Configuration config,
                                 EmbeddedServices services) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        DetectionJob.configureCheckpointing(env, config);
        KpiConfigSource settings = KpiConfigSource.fromConfig(services.mongo().connectionString(),
                config.get(DiscoveryOptions.MONGO_DATABASE), config);
        DetectionJob.fromConfig(config, settings).build(env);
        JobID id = flink.submit(env, "znyw-detection");
        started.add(0, () -> flink.cancel(id));
    }

    private void submitDiscovery(LocalFlinkCluster flink, Configuration config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.enableCheckpointing(Duration.ofSeconds(10).toMillis());
        new DiscoveryJob(DiscoveryJob.kafkaSource(config, false), DiscoveryJob.kafkaEventsSink(config),
                null, config).build(env);
        JobID id = flink.submit(env, "znyw-discovery");
        started.add(0, () -> flink.cancel(id));
    }

    /** Returns the factor by which the replay compresses event time. */
    private double speedup(NabReplayPlan plan) {
        long span = Math.max(1, plan.lastTs() - plan.firstTs());
        return span / (options.replaySeconds() * 1000.0);
    }

    /** Sends every point in event-time order, paced so that the whole timeline takes the set time. */
    private void replay(NabReplayPlan plan, double speedup, EmbeddedKafka kafka, String topic,
                        DemoProgress progress) {
        out.println(text.get("demo.replaying", plan.pointCount(), speedup, options.replaySeconds()));

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        KpiPointCodec codec = new KpiPointCodec();
        AtomicLong sent = new AtomicLong();
        long wallStart = System.currentTimeMillis();
        long nextReport = wallStart + PROGRESS_EVERY.toMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            long[] reportAt = {nextReport};
            plan.forEachInTimeOrder(point -> {
                if (stopping) {
                    throw new IllegalStateException("replay stopped because the demo is stopping");
                }
                long due = wallStart + (long) ((point.ts - plan.firstTs()) / speedup);
                sleepUntil(due);
                producer.send(new ProducerRecord<>(topic, point.seriesKey().toString(), codec.format(point)),
                        (metadata, error) -> {
                            if (error != null) {
                                LOG.error("Sending a point of {} failed", point.seriesKey(), error);
                            }
                        });
                sent.incrementAndGet();
                long now = System.currentTimeMillis();
                if (now >= reportAt[0]) {
                    progress.report(sent.get(), now - wallStart);
                    reportAt[0] = now + PROGRESS_EVERY.toMillis();
                }
            });
            producer.flush();
        }
        progress.report(sent.get(), System.currentTimeMillis() - wallStart);
    }

    private static void sleepUntil(long wallMs) {
        long wait = wallMs - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            }
        }
    }

    /** Returns ZNYW_ADMIN_PASSWORD when set, else a new random password for this run. */
    private static String adminPassword() {
        String configured = System.getenv("ZNYW_ADMIN_PASSWORD");
        return configured == null || configured.isBlank() ? newPassword() : configured;
    }

    private static String newPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    /** Stops what the demo started, newest first; safe to call twice. */
    private synchronized void stopAll() {
        for (AutoCloseable resource : started) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", resource, e.toString());
            }
        }
        started.clear();
    }
}
