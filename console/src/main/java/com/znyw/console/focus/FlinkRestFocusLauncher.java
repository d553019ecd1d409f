package com.znyw.console.focus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Submits Focus jobs through the Flink REST API, as for any session cluster or the local
 * MiniCluster: {@code POST /jars/upload} once, then {@code POST /jars/:id/run} with the entry
 * class {@value #ENTRY_CLASS} and the program arguments {@code --job-id}, {@code --mongo-uri}
 * and {@code --database}. The console links no Flink classes. When the cluster has forgotten
 * the uploaded jar (after a restart), the jar is uploaded again once.
 */
public class FlinkRestFocusLauncher implements FocusLauncher {

    static final String ENTRY_CLASS = "com.znyw.jobs.focus.FocusJob";
    private static final int UNAVAILABLE_RETRIES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(FlinkRestFocusLauncher.class);

    private final String restUrl;
    private final Duration timeout;
    private final String jobJar;
    private final String mongoUri;
    private final String database;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private volatile String jarId;

    public FlinkRestFocusLauncher(String restUrl, Duration timeout, String jobJar,
            String mongoUri, String database) {
        this.restUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1)
                : restUrl;
        this.timeout = timeout;
        this.jobJar = jobJar;
        this.mongoUri = mongoUri;
        this.database = database;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public synchronized String submit(String focusJobId) {
        if (jarId == null) {
            jarId = uploadJar();
        }
        HttpResponse<String> response = run(focusJobId);
        if (response.statusCode() == 404 || response.statusCode() == 400
                && response.body().contains("could not be found")) {
            LOG.info("Flink no longer has jar {}; uploading it again", jarId);
            jarId = uploadJar();
            response = run(focusJobId);
        }
        if (response.statusCode() != 200) {
            throw new FocusLauncher.FocusSubmissionException("Flink rejected Focus job "
                    + focusJobId + " with HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        String flinkJobId = readTree(response.body()).path("jobid").asText(null);
        LOG.info("Submitted Focus job id={} as Flink job {}", focusJobId, flinkJobId);
        return flinkJobId;
    }

    @Override
    public void cancel(String flinkJobId) {
        URI uri = URI.create(restUrl + "/jobs/" + flinkJobId + "?mode=cancel");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request,
                    HttpResponse.BodyHandlers.ofString());
            LOG.info("Cancel of Flink job {} returned HTTP {}", flinkJobId,
                    response.statusCode());
        } catch (IOException e) {
            LOG.warn("Cancelling Flink job {} failed: {}", flinkJobId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public java.util.Optional<FlinkJobState> state(String flinkJobId) {
        try {
            HttpResponse<String> job = send(HttpRequest.newBuilder(
                    URI.create(restUrl + "/jobs/" + flinkJobId)).timeout(timeout).GET().build());
            if (job.statusCode() != 200) {
                return java.util.Optional.empty();
            }
            String state = readTree(job.body()).path("state").asText("");
            String rootCause = null;
            if (state.equals("FAILED")) {
                HttpResponse<String> exceptions = send(HttpRequest.newBuilder(
                        URI.create(restUrl + "/jobs/" + flinkJobId + "/exceptions"))
                        .timeout(timeout).GET().build());
                String text = readTree(exceptions.body()).path("root-exception").asText("");
                rootCause = text.lines().findFirst().orElse("");
            }
            return java.util.Optional.of(new FlinkJobState(state, rootCause));
        } catch (FocusLauncher.FocusSubmissionException e) {
            LOG.debug("Cannot read the state of Flink job {}: {}", flinkJobId, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private HttpResponse<String> run(String focusJobId) {
        String body;
        try {
            body = json.writeValueAsString(java.util.Map.of(
                    "entryClass", ENTRY_CLASS,
                    "programArgsList", List.of("--job-id", focusJobId, "--mongo-uri", mongoUri,
                            "--database", database)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the run request", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + "/jars/" + jarId
                        + "/run"))
                .timeout(timeout.multipliedBy(6))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request);
    }

    private String uploadJar() {
        if (jobJar == null || jobJar.isBlank()) {
            throw new FocusLauncher.FocusSubmissionException("No Flink job jar is configured:"
                    + " set znyw.focus.job-jar to the flink-jobs jar");
        }
        Path jar = Path.of(jobJar);
        if (!Files.isReadable(jar)) {
            throw new FocusLauncher.FocusSubmissionException("The Flink job jar " + jar
                    + " is not readable: build flink-jobs or fix znyw.focus.job-jar");
        }
        String boundary = "znyw-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                    + " filename=\"" + jar.getFileName() + "\"\r\nContent-Type:"
                    + " application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FocusLauncher.FocusSubmissionException("Reading the Flink job jar " + jar
                    + " failed: " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + "/jars/upload"))
                .timeout(timeout.multipliedBy(12))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new FocusLauncher.FocusSubmissionException("Flink rejected the jar upload with"
                    + " HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        String fileName = readTree(response.body()).path("filename").asText("");
        String id = fileName.substring(fileName.lastIndexOf('/') + 1);
        LOG.info("Uploaded Flink job jar {} as {}", jar, id);
        return id;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            // Flink answers 503 while its dispatcher is being elected leader, as after a start.
            for (int retry = 1; response.statusCode() == 503 && retry <= UNAVAILABLE_RETRIES;
                    retry++) {
                LOG.info("Flink REST API at {} is unavailable; retry {} of {}", restUrl, retry,
                        UNAVAILABLE_RETRIES);
                Thread.sleep(1000);
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            return response;
        } catch (IOException e) {
            throw new FocusLauncher.FocusSubmissionException("Cannot reach the Flink REST API at "
                    + restUrl + " (" + e.getMessage() + "): start the cluster or fix"
                    + " znyw.flink.rest-url", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FocusLauncher.FocusSubmissionException("Interrupted while calling "
                    + request.uri(), e);
        }
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new FocusLauncher.FocusSubmissionException("Flink returned invalid JSON: "
                    + abbreviate(body), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
