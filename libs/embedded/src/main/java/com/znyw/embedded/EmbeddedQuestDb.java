package com.znyw.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded QuestDB 9.3 running in its own JVM from the {@code embedded/questdb-server}
 * module: the time-series store that accepts the same line-protocol writes as InfluxDB.
 *
 * <p>Ports, all on 127.0.0.1 and free unless given: HTTP ({@link #httpUrl()}: REST, web console,
 * InfluxDB line protocol on {@code /write} and {@code /api/v2/write}), PostgreSQL wire
 * ({@link #pgJdbcUrl()}, user {@link #PG_USER}, password {@link #PG_PASSWORD}) and ILP over TCP
 * ({@link #ilpPort()}). Telemetry is off. Data: QuestDB's root (tables, WAL, {@code conf/}) and
 * the server's output in {@code questdb.log}, in {@link #dataDir()}. Rows written over line
 * protocol become readable a few hundred milliseconds after the write, when the WAL is applied,
 * so readers poll. Stop it with {@link #close()}; it also stops when this JVM exits or dies.
 */
public final class EmbeddedQuestDb extends EmbeddedServer {

    static final String MAIN_CLASS = "com.znyw.embedded.questdb.QuestDbServerMain";

    /** QuestDB's default PostgreSQL wire user. */
    public static final String PG_USER = "admin";

    /** QuestDB's default PostgreSQL wire password. */
    public static final String PG_PASSWORD = "quest";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQuestDb.class);

    private final int httpPort;
    private final int pgPort;
    private final int ilpPort;

    private EmbeddedQuestDb(Started started, Path dataDir, boolean deleteDataDirOnClose) {
        super(started.process(), dataDir, deleteDataDirOnClose);
        this.httpPort = intField(started.fields(), "httpPort", "QuestDB");
        this.pgPort = intField(started.fields(), "pgPort", "QuestDB");
        this.ilpPort = intField(started.fields(), "ilpPort", "QuestDB");
    }

    /** Starts QuestDB on free ports with a new temporary data folder, deleted on close. */
    public static EmbeddedQuestDb start() {
        return start(null, 0, 0);
    }

    /**
     * Starts QuestDB with its root in {@code dataDir} (kept on close; {@code null} for a temporary
     * folder), HTTP on {@code httpPort} and PostgreSQL wire on {@code pgPort} (0 for free ports).
     *
     * @throws IllegalStateException when the server module is not built, or QuestDB does not
     *     become ready; the message contains its last output
     */
    public static EmbeddedQuestDb start(Path dataDir, int httpPort, int pgPort) {
        checkPort("HTTP", httpPort);
        checkPort("PostgreSQL", pgPort);
        if (httpPort != 0 && httpPort == pgPort) {
            throw new IllegalArgumentException("QuestDB HTTP and PostgreSQL ports must differ, both are " + httpPort);
        }
        Path dir = prepareDataDir(dataDir, "znyw-questdb-");
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.toString(),
                "--http-port", String.valueOf(httpPort), "--pg-port", String.valueOf(pgPort)));
        args.addAll(parentPidArgs());
        List<String> command = ServerModule.QUESTDB.javaCommand(childJvmOptions("512m", dir), MAIN_CLASS, args);

        Started started = startWithRetry("QuestDB",
                () -> ServerProcess.start("QuestDB", command, dir, dir.resolve("questdb.log")),
                httpPort == 0 && pgPort == 0);
        EmbeddedQuestDb questDb = new EmbeddedQuestDb(started, dir, dataDir == null);
        LOG.info("QuestDB ready at {} and {} (data {})", questDb.httpUrl(), questDb.pgJdbcUrl(), dir);
        return questDb;
    }

    /** Returns the base URL of the HTTP server, e.g. {@code http://127.0.0.1:40123}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Returns the JDBC URL of the PostgreSQL wire listener and database {@code qdb}. */
    public String pgJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
    }

    public int pgPort() {
        return pgPort;
    }

    /** Returns the port of the InfluxDB line protocol over TCP listener. */
    public int ilpPort() {
        return ilpPort;
    }

    private static void checkPort(String listener, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid QuestDB " + listener + " port " + port
                    + ": use 1-65535, or 0 for a free port");
        }
    }
}
