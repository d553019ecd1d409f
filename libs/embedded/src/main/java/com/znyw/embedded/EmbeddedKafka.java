package com.znyw.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Kafka 3.9 broker in KRaft combined mode (broker and controller in one process),
 * running in its own JVM from the {@code embedded/kafka-server} module.
 *
 * <p>Ports: a PLAINTEXT listener ({@link #bootstrapServers()}) and a CONTROLLER listener, both on
 * 127.0.0.1 and free ports unless a broker port is given. Data: the log folder
 * {@code kafka-logs/}, the generated {@code server.properties} and the broker's output in
 * {@code kafka.log}, all in {@link #dataDir()}. Topics are created on first use with one
 * partition, transactions work (internal topics have replication factor 1), and the broker
 * accepts transaction timeouts up to one hour. Stop it with {@link #close()}; it also stops when
 * this JVM exits or dies.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafka extends EmbeddedServer {

    static final String MAIN_CLASS = "com.znyw.embedded.kafka.KafkaServerMain";
    static final String CREATE_TOPICS_MAIN_CLASS = "com.znyw.embedded.kafka.CreateTopicsMain";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final int controllerPort;

    private EmbeddedKafka(Started started, Path dataDir, boolean deleteDataDirOnClose) {
        super(started.process(), dataDir, deleteDataDirOnClose);
        this.port = intField(started.fields(), "port", "Kafka");
        this.controllerPort = intField(started.fields(), "controllerPort", "Kafka");
    }

    /** Starts a broker on free ports with a new temporary data folder, deleted on close. */
    public static EmbeddedKafka start() {
        return start(null, 0);
    }

    /**
     * Starts a broker with its data in {@code dataDir} (kept on close; {@code null} for a
     * temporary folder) and its PLAINTEXT listener on {@code port} (0 for a free port).
     *
     * @throws IllegalStateException when the server module is not built, or the broker does not
     *     become ready; the message contains the broker's last output
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid Kafka port " + port + ": use 1-65535, or 0 for a free port");
        }
        Path dir = prepareDataDir(dataDir, "znyw-kafka-");
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.toString(), "--port", String.valueOf(port)));
        args.addAll(parentPidArgs());
        List<String> command = ServerModule.KAFKA.javaCommand(childJvmOptions("512m", dir), MAIN_CLASS, args);

        Started started = startWithRetry("Kafka",
                () -> ServerProcess.start("Kafka", command, dir, dir.resolve("kafka.log")), port == 0);
        EmbeddedKafka kafka = new EmbeddedKafka(started, dir, dataDir == null);
        LOG.info("Kafka broker ready at {} (data {})", kafka.bootstrapServers(), dir);
        return kafka;
    }

    /** Returns the {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Returns the port of the PLAINTEXT listener that clients use. */
    public int port() {
        return port;
    }

    /** Returns the port of the KRaft controller listener, which clients never use. */
    public int controllerPort() {
        return controllerPort;
    }

    /** Creates a topic with {@code partitions} partitions, or leaves it as it is if it exists. */
    public void createTopic(String name, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("Invalid partition count " + partitions + " for topic '" + name
                    + "': use 1 or more");
        }
        createTopics(name + ":" + partitions);
    }

    /**
     * Creates topics with replication factor 1, each given as {@code NAME} (one partition) or
     * {@code NAME:PARTITIONS}. Existing topics are left as they are. Runs a short-lived JVM with
     * Kafka's admin client, so this library needs no Kafka jars.
     *
     * @throws IllegalArgumentException on an invalid topic name or partition count
     * @throws IllegalStateException when the broker rejects a creation or does not respond in time
     */
    public void createTopics(String... topics) {
        if (topics.length == 0) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(bootstrapServers());
        args.addAll(List.of(topics));
        List<String> command = ServerModule.KAFKA.javaCommand(
                List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), CREATE_TOPICS_MAIN_CLASS, args);

        Path outputFile = dataDir().resolve("create-topics.log");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outputFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to start the topic creation for " + List.of(topics), e);
        }
        try {
            if (!process.waitFor(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Creating topics " + List.of(topics) + " on " + bootstrapServers()
                        + " timed out after " + TOPIC_TIMEOUT.toSeconds() + " s; output in " + outputFile);
            }
            String text = Files.readString(outputFile, StandardCharsets.UTF_8).strip();
            int status = process.exitValue();
            if (status == 2) {
                throw new IllegalArgumentException(text);
            }
            if (status != 0) {
                throw new IllegalStateException("Creating topics " + List.of(topics) + " on " + bootstrapServers()
                        + " failed: " + text);
            }
            LOG.info("Topics {} ready on {}", List.of(topics), bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the topic creation output " + outputFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while creating topics " + List.of(topics), e);
        }
    }
}
