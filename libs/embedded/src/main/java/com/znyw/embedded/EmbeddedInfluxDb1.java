package com.znyw.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An InfluxDB 1.x server from Debian's {@code influxdb} package (version 1.6.7,
 * {@code /usr/bin/influxd}), for checking the InfluxQL read path against a real InfluxDB.
 *
 * <p>Ports: the HTTP API ({@link #httpUrl()}: {@code /ping}, {@code /query}, the v1
 * {@code /write}) on 127.0.0.1, a free port unless given, and the backup RPC listener on another
 * free 127.0.0.1 port. Graphite, collectd, OpenTSDB, UDP, usage reporting, the internal monitor
 * store and subscriptions are off; authentication is off. InfluxDB 1.6 has no v2 write endpoint
 * ({@code /api/v2/write}), so write through {@code /write}. Data: {@code meta/}, {@code data/},
 * {@code wal/}, the generated {@code influxdb.conf} and the server's output in {@code influxd.log},
 * in {@link #dataDir()}.
 *
 * <p>{@code influxd} runs under a small {@code /bin/sh} watcher that stops it when this JVM ends,
 * even after SIGKILL. Stop it with {@link #close()}; it also stops at JVM exit. The system
 * property {@code znyw.influxd} names another {@code influxd} binary.
 */
public final class EmbeddedInfluxDb1 extends EmbeddedServer {

    /** Install path of the server binary in Debian's {@code influxdb} package. */
    public static final String DEFAULT_INFLUXD = "/usr/bin/influxd";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfluxDb1.class);

    /**
     * Runs influxd in the background and stops it on SIGTERM or when the parent JVM (argument 3)
     * is gone, checking once a second. Exits with influxd's status.
     */
    private static final String WATCHER_SCRIPT = String.join("\n",
            "influxd=\"$1\"; config=\"$2\"; parent=\"$3\"",
            "\"$influxd\" -config \"$config\" &",
            "child=$!",
            "trap 'kill -TERM \"$child\" 2>/dev/null; wait \"$child\"; exit 0' TERM INT HUP",
            "while kill -0 \"$parent\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 1; done",
            "kill -TERM \"$child\" 2>/dev/null",
            "wait \"$child\"");

    private final int port;

    private EmbeddedInfluxDb1(ServerProcess process, Path dataDir, boolean deleteDataDirOnClose, int port) {
        super(process, dataDir, deleteDataDirOnClose);
        this.port = port;
    }

    /** Starts influxd on a free port with a new temporary data folder, deleted on close. */
    public static EmbeddedInfluxDb1 start() {
        return start(null, 0);
    }

    /**
     * Starts influxd with its data in {@code dataDir} (kept on close; {@code null} for a temporary
     * folder) and its HTTP API on {@code port} (0 for a free port).
     *
     * @throws IllegalStateException when influxd is not installed or does not respond to
     *     {@code /ping}; the message contains its last output
     */
    public static EmbeddedInfluxDb1 start(Path dataDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid InfluxDB port " + port + ": use 1-65535, or 0 for a free port");
        }
        Path influxd = Path.of(System.getProperty("znyw.influxd", DEFAULT_INFLUXD));
        if (!Files.isExecutable(influxd)) {
            throw new IllegalStateException("InfluxDB 1.x server not found at " + influxd
                    + ": install it with 'apt-get install -y influxdb' (Debian), or set -Dznyw.influxd to its path");
        }
        Path dir = prepareDataDir(dataDir, "znyw-influxdb1-");

        for (int attempt = 1; ; attempt++) {
            int httpPort = port == 0 ? freePort() : port;
            int rpcPort = freePort();
            Path config = writeConfig(dir, httpPort, rpcPort);
            List<String> command = List.of("/bin/sh", "-c", WATCHER_SCRIPT, "influxd-watcher",
                    influxd.toString(), config.toString(), String.valueOf(ProcessHandle.current().pid()));
            // INFLUXDB_* variables override the config file in influxd 1.x, so none may leak in.
            ServerProcess process = ServerProcess.start("InfluxDB", command, dir, dir.resolve("influxd.log"),
                    environment -> environment.keySet().removeIf(key -> key.startsWith("INFLUXDB_")));
            try {
                process.awaitReady(START_TIMEOUT, () -> ping(httpPort));
                EmbeddedInfluxDb1 server = new EmbeddedInfluxDb1(process, dir, dataDir == null, httpPort);
                LOG.info("InfluxDB 1.x ready at {} (data {})", server.httpUrl(), dir);
                return server;
            } catch (ServerProcess.StartFailedException e) {
                process.close();
                if (!e.isBindFailure() || port != 0 || attempt >= MAX_START_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("InfluxDB could not bind its ports on attempt {} of {}; retrying on new ports", attempt,
                        MAX_START_ATTEMPTS);
            }
        }
    }

    /** Returns the base URL of the HTTP API, e.g. {@code http://127.0.0.1:40123}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    static String config(Path dir, int httpPort, int rpcPort) {
        return String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "",
                "[meta]",
                "  dir = \"" + dir.resolve("meta") + "\"",
                "  retention-autocreate = true",
                "  logging-enabled = false",
                "",
                "[data]",
                "  dir = \"" + dir.resolve("data") + "\"",
                "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "  cache-max-memory-size = \"64m\"",
                "",
                "[monitor]",
                "  store-enabled = false",
                "",
                "[subscriber]",
                "  enabled = false",
                "",
                "[http]",
                "  enabled = true",
                "  bind-address = \"127.0.0.1:" + httpPort + "\"",
                "  auth-enabled = false",
                "  log-enabled = false",
                "  https-enabled = false",
                "",
                "[[graphite]]",
                "  enabled = false",
                "",
                "[[collectd]]",
                "  enabled = false",
                "",
                "[[opentsdb]]",
                "  enabled = false",
                "",
                "[[udp]]",
                "  enabled = false",
                "",
                "[continuous_queries]",
                "  enabled = true",
                "");
    }

    private static Path writeConfig(Path dir, int httpPort, int rpcPort) {
        Path file = dir.resolve("influxdb.conf");
        try {
            Files.writeString(file, config(dir, httpPort, rpcPort), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the InfluxDB configuration " + file, e);
        }
        return file;
    }

    private static boolean ping(int port) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/ping").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 204;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to find a free port on 127.0.0.1", e);
        }
    }
}
