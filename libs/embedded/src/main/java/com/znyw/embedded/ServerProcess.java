package com.znyw.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server running as a child process: its output appended to a log file, the
 * {@code ZNYW-READY key=value ...} line it prints when ready, and a stop that waits.
 *
 * <p>Every running child is also stopped by one JVM shutdown hook, so a test JVM that ends without
 * calling {@link #close()} leaves no server behind. A JVM killed with SIGKILL runs no hook: the
 * server mains then exit by themselves when they see their parent process end.
 */
final class ServerProcess implements AutoCloseable {

    static final String READY_PREFIX = "ZNYW-READY";

    /** Exit status of the server mains when a listener could not bind its port. */
    static final int EXIT_BIND_FAILED = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
    private static final int TAIL_LINES = 40;
    private static final int MAX_ERROR_LINES = 10;
    /** Lines worth showing from anywhere in the output when a start fails. */
    private static final Pattern ERROR_LINE =
            Pattern.compile("\\b(ERROR|FATAL)\\b|Exception\\b|(?<![.\\w])[Ff]ailed\\b|lvl=error|address already in use");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServerProcess::stopAll, "znyw-embedded-shutdown"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<String> errorLines = new ArrayList<>();
    private final CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
    private final Thread outputCopier;

    private ServerProcess(String name, Process process, Path logFile, long logOffset) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.outputCopier = new Thread(() -> followOutput(logOffset),
                "znyw-" + name.toLowerCase() + "-output-" + process.pid());
        this.outputCopier.setDaemon(true);
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code logFile}, which the child
     * process writes itself.
     *
     * @param name the server's name in logs and errors, e.g. {@code Kafka}
     */
    static ServerProcess start(String name, List<String> command, Path workingDir, Path logFile) {
        return start(name, command, workingDir, logFile, environment -> { });
    }

    /** Starts {@code command} like {@link #start(String, List, Path, Path)}, after editing its environment. */
    static ServerProcess start(String name, List<String> command, Path workingDir, Path logFile,
            Consumer<Map<String, String>> environmentEditor) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        environmentEditor.accept(builder.environment());
        Process process;
        long logOffset;
        try {
            Files.createDirectories(logFile.getParent());
            logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to start " + name + " with " + command.get(0), e);
        }
        ServerProcess server = new ServerProcess(name, process, logFile, logOffset);
        RUNNING.add(server);
        LOG.info("Started {} as process {}, log {}", name, process.pid(), logFile);
        server.outputCopier.start();
        return server;
    }

    /**
     * Waits for the ready line and returns its {@code key=value} fields.
     *
     * @throws StartFailedException when the process exits first or the timeout passes; the
     *     message contains the last lines of the server's output
     */
    Map<String, String> awaitReadyLine(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            close();
            throw new StartFailedException(name + " did not report ready within " + timeout.toSeconds()
                    + " s" + describeOutput(), false);
        } catch (java.util.concurrent.ExecutionException e) {
            close();
            throw (StartFailedException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StartFailedException("Interrupted while waiting for " + name + " to start", false);
        }
    }

    /**
     * Waits until {@code probe} returns true, checking every 100 ms, for servers that print no
     * ready line.
     *
     * @throws StartFailedException when the process exits first or the timeout passes; the
     *     message contains the last lines of the server's output
     */
    void awaitReady(Duration timeout, BooleanSupplier probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (!process.isAlive()) {
                    // Give the output copier a moment to read the last lines, which name the cause.
                    ready.handle((fields, error) -> null).get(2, TimeUnit.SECONDS);
                    throw failure("exited with status " + process.exitValue() + " before it was ready");
                }
                if (probe.getAsBoolean()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    close();
                    throw new StartFailedException(name + " did not become ready within " + timeout.toSeconds()
                            + " s" + describeOutput(), false);
                }
                Thread.sleep(100);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw failure("exited with status " + process.exitValue() + " before it was ready");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StartFailedException("Interrupted while waiting for " + name + " to start", false);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    /** Returns an exception for a start that failed, naming the exit status and the last output. */
    StartFailedException failure(String reason) {
        return new StartFailedException(name + " " + reason + describeOutput(), outputShowsBindFailure());
    }

    /**
     * Stops the process with SIGTERM (and its child processes, if any) and waits for it to exit,
     * killing it after 30 seconds. Does nothing if it has exited already.
     */
    @Override
    public void close() {
        RUNNING.remove(this);
        if (!process.isAlive()) {
            awaitOutputCopied();
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (process {}) did not stop within {} s after SIGTERM; killing it", name, process.pid(),
                        STOP_TIMEOUT.toSeconds());
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitOutputCopied();
        LOG.info("Stopped {} (process {})", name, process.pid());
    }

    /** Waits until the last output lines are in the log file, so that callers can read them. */
    private void awaitOutputCopied() {
        try {
            outputCopier.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Follows the log file from {@code startOffset}, remembering the last lines and completing
     * {@link #ready} on the ready line, until the process has exited and the file is read to its
     * end. The child writes to the file itself because reading its stdout pipe races with the
     * JDK closing that pipe at process exit, which drops the last lines (the shutdown messages).
     */
    private void followOutput(long startOffset) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(startOffset);
            while (true) {
                boolean exited = !process.isAlive();
                int count = in.read(buffer);
                if (count < 0) {
                    if (exited) {
                        break;
                    }
                    Thread.sleep(50);
                    continue;
                }
                for (int i = 0; i < count; i++) {
                    if (buffer[i] == '\n') {
                        onLine(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
            if (line.size() > 0) {
                onLine(line.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.warn("Failed to read the output of {} (process {}) from {}", name, process.pid(), logFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!ready.isDone()) {
            ready.completeExceptionally(failure("exited with status " + process.exitValue() + " before it was ready"));
        }
    }

    private void onLine(String text) {
        String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        remember(line);
        if (line.startsWith(READY_PREFIX + " ") && !ready.isDone()) {
            ready.complete(parseFields(line));
        }
    }

    private void remember(String line) {
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
            if (errorLines.size() < MAX_ERROR_LINES && ERROR_LINE.matcher(line).find()) {
                errorLines.add(line);
            }
        }
    }

    private List<String> tailLines() {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    private boolean outputShowsBindFailure() {
        if (!process.isAlive() && process.exitValue() == EXIT_BIND_FAILED) {
            return true;
        }
        return tailLines().stream().anyMatch(line -> line.toLowerCase().contains("address already in use"));
    }

    private String describeOutput() {
        List<String> lines = tailLines();
        if (lines.isEmpty()) {
            return "; it printed nothing (log " + logFile + ")";
        }
        List<String> errors;
        synchronized (tail) {
            errors = new ArrayList<>(errorLines);
        }
        String firstErrors = errors.isEmpty() ? ""
                : "; first error lines:\n  " + String.join("\n  ", errors);
        return firstErrors + "\nlast lines of " + logFile + ":\n  " + String.join("\n  ", lines);
    }

    static Map<String, String> parseFields(String readyLine) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String token : readyLine.substring(READY_PREFIX.length()).trim().split("\\s+")) {
            int equals = token.indexOf('=');
            if (equals > 0) {
                fields.put(token.substring(0, equals), token.substring(equals + 1));
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /** Stops every running child, in parallel so that JVM exit is not the sum of their stop times. */
    static void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (ServerProcess server : List.copyOf(RUNNING)) {
            Thread stopper = new Thread(server::close, "znyw-stop-" + server.name.toLowerCase());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join(STOP_TIMEOUT.multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A server that did not start. {@link #isBindFailure()} returns whether new ports may help. */
    static final class StartFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final boolean bindFailure;

        StartFailedException(String message, boolean bindFailure) {
            super(message);
            this.bindFailure = bindFailure;
        }

        boolean isBindFailure() {
            return bindFailure;
        }
    }
}
