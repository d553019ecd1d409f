package com.znyw.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server of each kind per JVM, started on first use and stopped when the JVM exits, so that
 * all tests of a suite share one broker and one store.
 *
 * <p>Their data and logs live in a new folder {@code znyw-shared-*} under {@code java.io.tmpdir}.
 * At JVM exit the servers stop and that folder is deleted, unless a server failed to start or the
 * system property {@code znyw.embedded.keepData} is {@code true}, so that the logs can be read. If a
 * server fails to start, every later call throws the same error at once instead of waiting for
 * another start timeout. Tests that share a server keep their data apart with their own topic,
 * database or table names. Do not close the returned servers.
 */
public final class SharedServices {

    private static final Shared<EmbeddedKafka> KAFKA = new Shared<>("kafka", dir -> EmbeddedKafka.start(dir, 0));
    private static final Shared<EmbeddedMongo> MONGO = new Shared<>("mongo", dir -> EmbeddedMongo.start(dir, 0));
    private static final Shared<EmbeddedQuestDb> QUESTDB =
            new Shared<>("questdb", dir -> EmbeddedQuestDb.start(dir, 0, 0));
    private static final Shared<EmbeddedInfluxDb1> INFLUXDB1 = new Shared<>("influxdb1", dir -> EmbeddedInfluxDb1.start(dir, 0));

    private static final Logger LOG = LoggerFactory.getLogger(SharedServices.class);

    private static Path baseDir;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedServices::stopAll, "znyw-shared-services-shutdown"));
    }

    private SharedServices() {
    }

    /** Returns this JVM's Kafka broker, starting it on the first call. */
    public static EmbeddedKafka kafka() {
        return KAFKA.get();
    }

    /** Returns this JVM's MongoDB server, starting it on the first call. */
    public static EmbeddedMongo mongo() {
        return MONGO.get();
    }

    /** Returns this JVM's QuestDB, starting it on the first call. */
    public static EmbeddedQuestDb questDb() {
        return QUESTDB.get();
    }

    /** Returns this JVM's InfluxDB 1.x server, starting it on the first call. */
    public static EmbeddedInfluxDb1 influxDb1() {
        return INFLUXDB1.get();
    }

    /** Stops the started servers in parallel and deletes their folder unless it is to be kept. */
    private static void stopAll() {
        List<Shared<?>> all = List.of(KAFKA, MONGO, QUESTDB, INFLUXDB1);
        all.parallelStream().forEach(Shared::close);
        boolean anyFailed = all.stream().anyMatch(Shared::failed);
        Path dir;
        synchronized (SharedServices.class) {
            dir = baseDir;
        }
        if (dir == null || anyFailed || Boolean.getBoolean("znyw.embedded.keepData")) {
            return;
        }
        try {
            EmbeddedServer.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("Failed to delete the shared servers' folder {}", dir, e);
        }
    }

    private static synchronized Path baseDir() {
        if (baseDir == null) {
            try {
                baseDir = Files.createTempDirectory("znyw-shared-").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to create a folder for the shared servers in "
                        + System.getProperty("java.io.tmpdir"), e);
            }
        }
        return baseDir;
    }

    /** A server started once, with the outcome of that start remembered. */
    private static final class Shared<T extends EmbeddedServer> {
        private final String folderName;
        private final Function<Path, T> starter;
        private T server;
        private RuntimeException failure;

        Shared(String folderName, Function<Path, T> starter) {
            this.folderName = folderName;
            this.starter = starter;
        }

        synchronized T get() {
            if (failure != null) {
                throw new IllegalStateException("The shared " + folderName + " server failed to start earlier in this JVM: "
                        + failure.getMessage(), failure);
            }
            if (server == null) {
                try {
                    server = starter.apply(baseDir().resolve(folderName));
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return server;
        }

        synchronized boolean failed() {
            return failure != null;
        }

        synchronized void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
