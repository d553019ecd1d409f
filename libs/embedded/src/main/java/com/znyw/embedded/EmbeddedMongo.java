package com.znyw.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server 1.47 with its H2 backend) running in its own
 * JVM from the {@code embedded/mongo-server} module.
 *
 * <p>Port: one listener on 127.0.0.1 ({@link #connectionString()}), a free port unless one is
 * given. Data: the MVStore file {@code mongo.mv} and the server's output in {@code mongo.log}, in
 * {@link #dataDir()}; restarting on the same folder finds the same databases. Finds, updates,
 * upserts, unique indexes, aggregation with {@code $group} and change streams (the oplog is on)
 * work; multi-document transactions do not. Stop it with {@link #close()}; it also stops when
 * this JVM exits or dies.
 */
public final class EmbeddedMongo extends EmbeddedServer {

    static final String MAIN_CLASS = "com.znyw.embedded.mongo.MongoServerMain";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final int port;

    private EmbeddedMongo(Started started, Path dataDir, boolean deleteDataDirOnClose) {
        super(started.process(), dataDir, deleteDataDirOnClose);
        this.port = intField(started.fields(), "port", "MongoDB");
    }

    /** Starts a server on a free port with a new temporary data folder, deleted on close. */
    public static EmbeddedMongo start() {
        return start(null, 0);
    }

    /**
     * Starts a server with its data in {@code dataDir} (kept on close; {@code null} for a
     * temporary folder) on {@code port} (0 for a free port).
     *
     * @throws IllegalStateException when the server module is not built, or the server does not
     *     become ready; the message contains the server's last output
     */
    public static EmbeddedMongo start(Path dataDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid MongoDB port " + port + ": use 1-65535, or 0 for a free port");
        }
        Path dir = prepareDataDir(dataDir, "znyw-mongo-");
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.toString(), "--port", String.valueOf(port)));
        args.addAll(parentPidArgs());
        List<String> command = ServerModule.MONGO.javaCommand(childJvmOptions("256m", dir), MAIN_CLASS, args);

        // Port 0 is bound by the server itself, so no retry on new ports is needed.
        Started started = startWithRetry("MongoDB",
                () -> ServerProcess.start("MongoDB", command, dir, dir.resolve("mongo.log")), false);
        EmbeddedMongo mongo = new EmbeddedMongo(started, dir, dataDir == null);
        LOG.info("MongoDB server ready at {} (data {})", mongo.connectionString(), dir);
        return mongo;
    }

    /** Returns the connection string for the MongoDB driver, e.g. {@code mongodb://127.0.0.1:40123}. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    /** Returns the server's port on 127.0.0.1. */
    public int port() {
        return port;
    }
}
