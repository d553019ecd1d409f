package com.znyw.console.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode: the jobs of the local MiniCluster (or any session cluster) read from the Flink
 * REST API ({@code /jobs/overview}). Deployment from templates needs Kubernetes mode; on a
 * MiniCluster the jobs are started by the {@code znyw} command.
 */
public class FlinkRestJobService implements JobService {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkRestJobService.class);

    private final String restUrl;
    private final String webUiUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public FlinkRestJobService(String restUrl, String webUiUrl, Duration timeout) {
        this.restUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
        this.webUiUrl = webUiUrl == null || webUiUrl.isBlank() ? this.restUrl : webUiUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public boolean managesDeployments() {
        return false;
    }

    @Override
    public List<JobInfo> list() {
        JsonNode overview = get("/jobs/overview");
        List<JobInfo> jobs = new ArrayList<>();
        for (JsonNode job : overview.path("jobs")) {
            String id = job.path("jid").asText();
            long start = job.path("start-time").asLong(-1);
            jobs.add(new JobInfo(job.path("name").asText(), id, job.path("state").asText(), null,
                    null, null, null, null, start > 0 ? Instant.ofEpochMilli(start).toString() : null,
                    webUiUrl + "/#/job/running/" + id + "/overview"));
        }
        return jobs;
    }

    /** Reads the cluster summary from {@code /overview}: task managers, slots, jobs by state. */
    public JsonNode clusterOverview() {
        return get("/overview");
    }

    @Override
    public List<String> templates() {
        return List.of();
    }

    @Override
    public JobInfo deploy(String actor, DeployRequest request) {
        throw notHere("deploying from a template");
    }

    @Override
    public JobInfo suspend(String actor, String name) {
        throw notHere("suspending");
    }

    @Override
    public JobInfo resume(String actor, String name) {
        throw notHere("resuming");
    }

    @Override
    public JobInfo scale(String actor, String name, int parallelism) {
        throw notHere("changing parallelism");
    }

    private static UnsupportedJobActionException notHere(String action) {
        return new UnsupportedJobActionException(action + " needs Kubernetes mode: start the console"
                + " with --znyw.kubernetes.enabled=true; in embedded mode jobs are started with the znyw command");
    }

    private JsonNode get(String path) {
        URI uri = URI.create(restUrl + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new FlinkUnavailableException("Flink REST API at " + uri + " returned HTTP "
                        + response.statusCode() + ": check znyw.flink.rest-url");
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            LOG.warn("Flink REST API unreachable url={} error={}", uri, e.toString());
            throw new FlinkUnavailableException("cannot reach the Flink REST API at " + uri + " ("
                    + e.getMessage() + "): start the MiniCluster or fix znyw.flink.rest-url", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkUnavailableException("interrupted while calling " + uri, e);
        }
    }

    /** The Flink REST API was unreachable or returned an error. */
    public static class FlinkUnavailableException extends RuntimeException {
        public FlinkUnavailableException(String message) {
            super(message);
        }

        public FlinkUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
