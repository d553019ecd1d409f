package com.znyw.jobs.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.znyw.core.focus.FocusJobStatus;
import com.znyw.core.focus.FocusJobStore;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedServicesExtension;
import com.znyw.jobs.runtime.LocalFlinkCluster;

/**
 * Submits a Focus job the way the console does, through the Flink REST API of the local
 * MiniCluster: {@code POST /jars/upload}, then {@code POST /jars/:id/run} with the entry class
 * and program arguments. The cluster runs in its own JVM ({@link LocalFlinkCluster#main}) with
 * this test's classpath, so the uploaded jar holds only a manifest. That JVM needs
 * {@code --add-opens java.base/java.util=ALL-UNNAMED}: on Java 17, Flink 1.20's jar-run handler
 * otherwise fails while it loads the DataStream V2 environment.
 */
@ExtendWith(EmbeddedServicesExtension.class)
class FocusRestSubmissionTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void jarRunStartsFocusJob(EmbeddedMongo mongo) throws Exception {
        String databaseName = "focus_rest_" + UUID.randomUUID().toString().replace("-", "");
        Process cluster = startCluster();
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase(databaseName);
            FocusJobStore store = new FocusJobStore(database);
            Path csv = dir.resolve("cube.csv");
            StringBuilder rows = new StringBuilder("idc,host,real,predict\n");
            for (int i = 0; i < 4; i++) {
                for (int h = 0; h < 5; h++) {
                    double predict = 100 + 10 * h;
                    double real = i == 2 ? predict * 0.3 : predict;
                    rows.append("IDC").append(i).append(",h").append(h).append(',').append(real)
                            .append(',').append(predict).append('\n');
                }
            }
            Files.writeString(csv, rows);
            String id = UUID.randomUUID().toString();
            store.insert(com.znyw.core.focus.FocusJob.queued(id, "cube.csv", csv.toString(),
                    Files.size(csv), Map.of(), "tester", Instant.now()));

            String rest = awaitRestAddress(cluster);
            String jarId = upload(rest, emptyJar());
            HttpResponse<String> run = http.send(HttpRequest.newBuilder(
                            URI.create(rest + "/jars/" + jarId + "/run"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"entryClass\":\""
                            + FocusJob.class.getName() + "\",\"programArgsList\":[\"--job-id\",\""
                            + id + "\",\"--mongo-uri\",\"" + mongo.connectionString()
                            + "\",\"--database\",\"" + databaseName + "\"]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            assertThat(run.body()).contains("jobid");

            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            com.znyw.core.focus.FocusJob job = store.find(id).orElseThrow();
            while (!job.status().isFinished() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                job = store.find(id).orElseThrow();
            }
            assertThat(job.error()).isNull();
            assertThat(job.status()).isEqualTo(FocusJobStatus.SUCCEEDED);
            assertThat(job.result().findings().get(0).combination()).isEqualTo("idc=IDC2");
            database.drop();
        } finally {
            cluster.destroy();
            if (!cluster.waitFor(20, TimeUnit.SECONDS)) {
                cluster.destroyForcibly();
            }
        }
    }

    private Process startCluster() throws Exception {
        Path log = dir.resolve("flink.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                LocalFlinkCluster.class.getName(), "0", "2", dir.resolve("flink").toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Waits for the cluster's ready line and returns its REST address without a slash. */
    private String awaitRestAddress(Process cluster) throws Exception {
        Path log = dir.resolve("flink.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && cluster.isAlive()) {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("ZNYW-READY rest=")) {
                    return line.substring("ZNYW-READY rest=".length()).replaceAll("/$", "");
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The Flink MiniCluster did not start; its output:\n"
                + Files.readString(log));
    }

    private String upload(String rest, Path jar) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                + " filename=\"focus.jar\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(rest + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        // The REST API answers 503 until the dispatcher has been elected leader.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String fileName = response.body().replaceAll(".*\"filename\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return fileName.substring(fileName.lastIndexOf('/') + 1);
    }

    private Path emptyJar() throws Exception {
        Path jar = dir.resolve("focus.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // A manifest alone: the job's classes come from the cluster's classpath.
        }
        return jar;
    }
}
