package com.znyw.console.focus;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The part of the Flink REST API that the console uses to run Focus jobs, on 127.0.0.1 with a
 * free port. {@code /jars/upload} accepts any jar; {@code /jars/:id/run} runs the requested
 * entry class with its program arguments in a child JVM, as a JobManager runs a jar's main, on
 * the local MiniCluster that {@code getExecutionEnvironment} creates there. The child's
 * classpath is the built flink-jobs module plus the ZNYW libraries of this test JVM, because
 * the console's own classpath must not mix with Flink's.
 */
final class FocusFlinkStandIn implements AutoCloseable {

    private final HttpServer server;
    private final Path workDir;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, String> uploads = new ConcurrentHashMap<>();
    private final Map<String, Process> jobs = new ConcurrentHashMap<>();
    private volatile String nextEntryClass;
    private final ObjectMapper json = new ObjectMapper();

    FocusFlinkStandIn(Path workDir) throws IOException {
        this.workDir = workDir;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jars/", this::handle);
        server.createContext("/jobs/", this::jobState);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals("/jars/upload")) {
            String id = UUID.randomUUID() + "_znyw-flink-jobs.jar";
            uploads.put(id, String.valueOf(body.length));
            reply(exchange, 200, "{\"filename\":\"/tmp/flink-web/flink-web-upload/" + id
                    + "\",\"status\":\"success\"}");
            return;
        }
        String[] parts = path.split("/");
        if (parts.length == 4 && parts[3].equals("run") && uploads.containsKey(parts[2])) {
            JsonNode request = json.readTree(body);
            List<String> args = new ArrayList<>();
            request.path("programArgsList").forEach(arg -> args.add(arg.asText()));
            String entryClass = nextEntryClass != null ? nextEntryClass
                    : request.path("entryClass").asText();
            nextEntryClass = null;
            Process process = startJob(entryClass, args);
            processes.add(process);
            String jobId = UUID.randomUUID().toString().replace("-", "");
            jobs.put(jobId, process);
            reply(exchange, 200, "{\"jobid\":\"" + jobId + "\"}");
            return;
        }
        reply(exchange, 404, "{\"errors\":[\"Jar file could not be found\"]}");
    }

    /** Makes the next run start a class that does not exist, so that its job fails in Flink. */
    void failNextRun() {
        nextEntryClass = "com.znyw.jobs.focus.NoSuchJob";
    }

    /** Answers {@code /jobs/:id} and {@code /jobs/:id/exceptions} from the child process. */
    private void jobState(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        Process process = parts.length >= 3 ? jobs.get(parts[2]) : null;
        if (process == null) {
            reply(exchange, 404, "{\"errors\":[\"Job not found\"]}");
            return;
        }
        if (parts.length == 4 && parts[3].equals("exceptions")) {
            reply(exchange, 200, json.writeValueAsString(Map.of("root-exception",
                    "java.lang.ClassNotFoundException: job class missing")));
            return;
        }
        String state = process.isAlive() ? "RUNNING"
                : process.exitValue() == 0 ? "FINISHED" : "FAILED";
        reply(exchange, 200, "{\"state\":\"" + state + "\"}");
    }

    private Process startJob(String entryClass, List<String> args) throws IOException {
        Path root = Path.of(System.getProperty("znyw.home", "..")).toAbsolutePath().normalize();
        Path classes = root.resolve("flink-jobs/target/classes");
        Path dependencies = root.resolve("flink-jobs/target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(dependencies)) {
            throw new IllegalStateException("flink-jobs is not built (" + classes + "): run"
                    + " ./mvnw -pl flink-jobs -am package -DskipTests first");
        }
        List<String> classpath = new ArrayList<>();
        classpath.add(classes.toString());
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("/libs/ml/") || entry.contains("/libs/core/")
                        || entry.contains("znyw-ml-") || entry.contains("znyw-core-"))
                .forEach(classpath::add);
        Arrays.stream(Files.readString(dependencies).strip().split(File.pathSeparator))
                .filter(entry -> !entry.contains("/libs/") && !entry.contains("/com/znyw/"))
                .forEach(classpath::add);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.io.tmpdir=" + workDir,
                "-cp", String.join(File.pathSeparator, classpath), entryClass));
        command.addAll(args);
        Path log = workDir.resolve("focus-job-" + processes.size() + ".log");
        return new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
