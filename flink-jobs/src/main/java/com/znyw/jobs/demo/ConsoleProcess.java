package com.znyw.jobs.demo;

import com.znyw.embedded.ParentWatchingLauncher;
import com.znyw.embedded.Repository;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console started as its own JVM, as the design keeps Spring's and Flink's dependency trees
 * apart. It runs under {@link ParentWatchingLauncher}, so it exits when the demo's JVM does.
 */
final class ConsoleProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final String url;
    private final String adminPassword;

    private ConsoleProcess(Process process, String url, String adminPassword) {
        this.process = process;
        this.url = url;
        this.adminPassword = adminPassword;
    }

    static ConsoleProcess start(Path workDir, int port, String mongoUri, String questDbJdbcUrl,
                                String flinkRestUrl, String adminPassword) throws IOException {
        Path root = Repository.root();
        Path classpathFile = root.resolve("console/target/runtime-classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("the console is not built: " + classpathFile
                    + " is missing; run ./mvnw -DskipTests install first");
        }
        String classpath = String.join(File.pathSeparator,
                root.resolve("console/target/classes").toString(),
                root.resolve("libs/embedded/target/classes").toString(),
                Files.readString(classpathFile).strip());
        int chosenPort = port == 0 ? freePort() : port;
        Files.createDirectories(workDir);
        Path log = workDir.resolve("console.log");

        ProcessBuilder builder = new ProcessBuilder(List.of(
                Repository.javaExecutable().toString(), "-Xmx768m", "-cp", classpath,
                ParentWatchingLauncher.class.getName(), String.valueOf(ProcessHandle.current().pid()),
                "com.znyw.console.ConsoleApplication",
                "--server.port=" + chosenPort,
                "--server.address=127.0.0.1",
                "--znyw.mongo.uri=" + mongoUri,
                "--znyw.store.type=questdb",
                "--znyw.store.url=" + questDbJdbcUrl,
                "--znyw.flink.rest-url=" + flinkRestUrl,
                "--znyw.focus.job-jar=" + jobJar(root),
                "--znyw.focus.upload-dir=" + workDir.resolve("focus-uploads").toAbsolutePath()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The password goes through the environment, so it does not show in the process list.
        builder.environment().put("ZNYW_ADMIN_PASSWORD", adminPassword);
        Process process = builder.start();
        String url = "http://127.0.0.1:" + chosenPort;
        LOG.info("Started the console as process {} on {}, log {}", process.pid(), url, log);
        ConsoleProcess console = new ConsoleProcess(process, url, adminPassword);
        console.awaitReady(log);
        return console;
    }

    /**
     * Returns the flink-jobs jar that the console uploads to submit Focus jobs. The MiniCluster
     * runs in the demo's JVM, which already has every job class, so the plain module jar is
     * enough; a remote cluster needs the jar built with {@code -Pcluster-jar}.
     */
    private static String jobJar(Path root) throws IOException {
        try (var jars = Files.list(root.resolve("flink-jobs/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("znyw-flink-jobs-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("-cluster"))
                    .findFirst()
                    .map(p -> p.toAbsolutePath().toString())
                    .orElseThrow(() -> new IllegalStateException("no flink-jobs jar under "
                            + root.resolve("flink-jobs/target") + ": run ./mvnw -DskipTests install first"));
        }
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the console exited with code " + process.exitValue()
                        + " while starting; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url + "/login"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the console", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the console", e);
            }
        }
        throw new IllegalStateException("the console did not respond on " + url + " within "
                + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return url;
    }

    String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        LOG.info("Stopped the console");
    }

    @Override
    public String toString() {
        return "console at " + url;
    }
}
