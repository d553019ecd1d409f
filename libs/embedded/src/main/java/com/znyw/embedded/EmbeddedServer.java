package com.znyw.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Common part of the embedded servers: one child process, its data folder and its stop.
 *
 * <p>A data folder that the launcher created itself (no folder given) is deleted on
 * {@link #close()}. A folder that the caller gave is kept, so that a restart on it finds the
 * same data.
 */
public abstract class EmbeddedServer implements AutoCloseable {

    /** Time a server has to print its ready line; generous because builds may share the CPU. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /** Start attempts when a port chosen at random turns out to be taken. */
    static final int MAX_START_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final ServerProcess process;
    private final Path dataDir;
    private final boolean deleteDataDirOnClose;

    EmbeddedServer(ServerProcess process, Path dataDir, boolean deleteDataDirOnClose) {
        this.process = process;
        this.dataDir = dataDir;
        this.deleteDataDirOnClose = deleteDataDirOnClose;
    }

    /** Returns the folder that contains the server's data and its log file. */
    public Path dataDir() {
        return dataDir;
    }

    /** Returns the file that receives the server's stdout and stderr. */
    public Path logFile() {
        return process.logFile();
    }

    /** Returns the operating-system id of the server process. */
    public long pid() {
        return process.pid();
    }

    /** Returns the server process, whose descendants are the real server for a wrapped binary. */
    ProcessHandle processHandle() {
        return process.handle();
    }

    /** Returns whether the server process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Stops the server with SIGTERM, waits until it has exited, and deletes the data folder if the
     * launcher created it. Calling it again does nothing.
     */
    @Override
    public void close() {
        process.close();
        if (deleteDataDirOnClose && Files.exists(dataDir)) {
            try {
                deleteRecursively(dataDir);
            } catch (IOException e) {
                LOG.warn("Failed to delete the data folder {} of a stopped server", dataDir, e);
            }
        }
    }

    /**
     * Returns the given folder, created if missing, or a new temporary one when it is
     * {@code null}.
     */
    static Path prepareDataDir(Path dataDir, String prefix) {
        try {
            if (dataDir == null) {
                return Files.createTempDirectory(prefix).toAbsolutePath();
            }
            return Files.createDirectories(dataDir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create the data folder " + (dataDir == null ? "in "
                    + System.getProperty("java.io.tmpdir") : dataDir), e);
        }
    }

    /** A started child and the fields of its ready line. */
    record Started(ServerProcess process, Map<String, String> fields) {
    }

    /**
     * Starts a server and waits for its ready line. When the server reports that a port was taken
     * and {@code retryOnBindFailure} is set, starts it again, up to {@link #MAX_START_ATTEMPTS}
     * times; each attempt lets the server pick new free ports.
     */
    static Started startWithRetry(String name, Supplier<ServerProcess> starter, boolean retryOnBindFailure) {
        for (int attempt = 1; ; attempt++) {
            ServerProcess process = starter.get();
            try {
                return new Started(process, process.awaitReadyLine(START_TIMEOUT));
            } catch (ServerProcess.StartFailedException e) {
                process.close();
                if (!e.isBindFailure() || !retryOnBindFailure || attempt >= MAX_START_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("{} could not bind its ports on attempt {} of {}; retrying on new ports", name, attempt,
                        MAX_START_ATTEMPTS);
            }
        }
    }

    /** Returns the JVM options of a server child, with its temp folder inside its data folder. */
    static List<String> childJvmOptions(String maxHeap, Path dataDir) {
        Path tmpDir = dataDir.resolve("tmp");
        try {
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create the temp folder " + tmpDir, e);
        }
        List<String> options = new ArrayList<>();
        options.add("-Xms64m");
        options.add("-Xmx" + maxHeap);
        options.add("-XX:+UseSerialGC");
        options.add("-Djava.awt.headless=true");
        options.add("-Djava.io.tmpdir=" + tmpDir);
        return options;
    }

    static List<String> parentPidArgs() {
        return List.of("--parent-pid", String.valueOf(ProcessHandle.current().pid()));
    }

    static int intField(Map<String, String> fields, String key, String serverName) {
        String value = fields.get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(serverName + " printed a ready line without a valid " + key
                    + " (got '" + value + "' in " + fields + ")");
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
