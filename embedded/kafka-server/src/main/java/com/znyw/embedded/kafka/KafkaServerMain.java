package com.znyw.embedded.kafka;

import com.znyw.embedded.server.ServerArgs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Runs one Apache Kafka 3.9 broker in KRaft combined mode (broker and controller in one process)
 * bound to 127.0.0.1, for tests and the demo.
 *
 * <p>Usage: {@code KafkaServerMain --data-dir DIR [--port N] [--controller-port N]
 * [--parent-pid PID]}. A port of 0 or none picks a free one. The main writes
 * {@code DIR/server.properties}, formats {@code DIR/kafka-logs} for KRaft (a new cluster id the
 * first time, the stored one after that, so a restart keeps topics and offsets), starts the server and prints
 * {@code ZNYW-READY port=N controllerPort=N bootstrapServers=127.0.0.1:N} when the broker is
 * unfenced and serving. SIGTERM, or the end of the parent process, shuts it down cleanly.
 * Exit status 3 means a port was taken; 1 means any other start failure; 2 means bad options.
 *
 * <p>The settings suit one broker: replication factor 1 for the internal topics, topics created
 * on first use, small segments and few threads. {@code transaction.max.timeout.ms} is one hour
 * instead of Kafka's 15 minutes, because Flink's Kafka connector documentation gives one hour as
 * the default {@code transaction.timeout.ms} of its transactional producer, and a broker rejects
 * producers whose timeout exceeds its maximum.
 */
public final class KafkaServerMain {

    private static final Set<String> OPTIONS = Set.of("data-dir", "port", "controller-port", "parent-pid");

    private KafkaServerMain() {
    }

    public static void main(String[] args) {
        ServerArgs options;
        Path dataDir;
        int port;
        int controllerPort;
        try {
            options = ServerArgs.parse(args, OPTIONS);
            dataDir = options.dataDir();
            port = options.portOrFree("port");
            controllerPort = options.portOrFree("controller-port");
            while (controllerPort == port) {
                controllerPort = options.portOrFree("controller-port");
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("Invalid arguments: " + e.getMessage());
            System.exit(2);
            return;
        }
        options.exitWithParent();

        KafkaRaftServer server;
        try {
            Properties properties = serverProperties(dataDir, port, controllerPort);
            Path propertiesFile = writeProperties(properties, dataDir.resolve("server.properties"));
            formatStorage(propertiesFile, dataDir.resolve("kafka-logs"));
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        } catch (Exception e) {
            System.err.println("Kafka broker setup failed in " + dataDir + ": " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }

        Thread shutdownHook = new Thread(() -> {
            System.err.println("Stopping Kafka broker on port " + port);
            server.shutdown();
            server.awaitShutdown();
            System.err.println("Kafka broker stopped");
        }, "kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        try {
            server.startup();
        } catch (Throwable e) {
            System.err.println("Kafka broker failed to start on ports " + port + "/" + controllerPort + ": " + e);
            e.printStackTrace();
            System.exit(ServerArgs.isBindFailure(e) ? ServerArgs.EXIT_BIND_FAILED : 1);
            return;
        }

        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("port", port);
        ready.put("controllerPort", controllerPort);
        ready.put("bootstrapServers", "127.0.0.1:" + port);
        ServerArgs.printReady(ready);
        server.awaitShutdown();
    }

    static Properties serverProperties(Path dataDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("kafka-logs").toString());

        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("transaction.max.timeout.ms", "3600000");
        p.setProperty("group.initial.rebalance.delay.ms", "0");

        // Small files and few threads: the broker shares a small machine with the tests.
        p.setProperty("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.setProperty("log.retention.hours", "168");
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("background.threads", "2");
        p.setProperty("metadata.log.segment.bytes", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private static Path writeProperties(Properties properties, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "Written by " + KafkaServerMain.class.getName() + " at every start");
        }
        return file;
    }

    /**
     * Formats the log folder for KRaft, like {@code kafka-storage.sh format --ignore-formatted},
     * so that an existing folder keeps its cluster id and data.
     */
    private static void formatStorage(Path propertiesFile, Path logDir) throws IOException {
        // Kafka 3.9 rejects --ignore-formatted with a cluster id other than the stored one.
        String clusterId = storedClusterId(logDir).orElseGet(() -> Uuid.randomUuid().toString());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {
                "format", "--config", propertiesFile.toString(), "--cluster-id", clusterId, "--ignore-formatted"
            }, out);
        }
        String text = output.toString(StandardCharsets.UTF_8).strip();
        System.err.println("Kafka storage format: " + text);
        if (status != 0) {
            throw new IllegalStateException("Kafka storage format failed with status " + status + ": " + text);
        }
    }

    private static Optional<String> storedClusterId(Path logDir) throws IOException {
        Path metaProperties = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(metaProperties)) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            meta.load(in);
        }
        return Optional.ofNullable(meta.getProperty("cluster.id")).filter(id -> !id.isBlank());
    }
}
