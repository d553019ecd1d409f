package com.znyw.core.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.influxdb.client.InfluxDBClientFactory;
import com.znyw.core.model.SeriesKey;
import com.znyw.embedded.EmbeddedInfluxDb1;
import com.znyw.embedded.EmbeddedServicesExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the repository contract against Debian's InfluxDB 1.6.7 ({@code /usr/bin/influxd}), one
 * database per test. InfluxDB 1.6 has no v2 write endpoint, so points go in through the v1
 * {@code /write?db=...&precision=ms} endpoint with the same line protocol; reads use
 * {@link InfluxDBClientFactory#createV1} and InfluxQL, as in production.
 */
@ExtendWith(EmbeddedServicesExtension.class)
class InfluxQlScoreRepositoryTest extends ScoreRepositoryContract {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedInfluxDb1 influx;
    private final String database = "repo_" + UUID.randomUUID().toString().replace("-", "");
    private InfluxQlScoreRepository repository;

    @BeforeEach
    void createDatabase(EmbeddedInfluxDb1 influx) throws Exception {
        this.influx = influx;
        query("CREATE DATABASE \"" + database + "\"");
        repository = new InfluxQlScoreRepository(InfluxDBClientFactory.createV1(influx.httpUrl(),
                null, null, database, null), database);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        repository.close();
        query("DROP DATABASE \"" + database + "\"");
    }

    @Override
    protected void write(List<String> lines) throws Exception {
        HttpResponse<String> response = post("/write?db=" + encode(database) + "&precision=ms",
                String.join("\n", lines));
        assertThat(response.statusCode()).as("InfluxDB /write response %s", response.body())
                .isEqualTo(204);
    }

    @Override
    protected ScoreRepository repository() {
        return repository;
    }

    @Override
    protected ScoreRepository unreachableRepository() throws Exception {
        int closedPort = closedPort();
        return new InfluxQlScoreRepository(InfluxDBClientFactory.createV1(
                "http://127.0.0.1:" + closedPort, null, null, database, null), database);
    }

    @Override
    protected String storedTag(SeriesKey series, String column) throws Exception {
        String sql = "SELECT value, \"" + column + "\" FROM \"" + database + "\"..kpi_score WHERE \"series\" = "
                + InfluxQlScoreRepository.quote(series.toString()) + " LIMIT 1";
        // The v1 JSON response lists the row as [time, value, tag].
        JsonNode rows = JSON.readTree(query(sql).body()).path("results").path(0)
                .path("series").path(0).path("values");
        return rows.isEmpty() ? null : rows.path(0).path(2).asText(null);
    }

    @Test
    void missingDatabaseReadsAsEmpty() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        write(List.of(LineProtocol.format(point(series, at(0), 1, true))));
        String missing = "missing_" + UUID.randomUUID().toString().replace("-", "");

        // InfluxDB 1.6.7 answers a CSV query on a missing database with HTTP 200 and an empty
        // body, so the client sees no rows rather than the "database not found" error.
        try (ScoreRepository repository = new InfluxQlScoreRepository(
                InfluxDBClientFactory.createV1(influx.httpUrl(), null, null, missing, null),
                missing)) {
            assertThat(repository.scores(series, at(0), at(1))).isEmpty();
            assertThat(repository.recentAnomalies(at(0), at(1), 5)).isEmpty();
        }
        assertThat(repository().recentAnomalies(at(0), at(1), 5)).hasSize(1);
    }

    /**
     * InfluxDB 1.6.7 keeps {@code \\} in a line-protocol tag value as two backslashes, while
     * QuestDB reads it as one, so on 1.6.7 a series with a backslash is stored under another key.
     */
    @Override
    @Test
    void backslashInTagValue() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("share", "\\\\fs01\\ops", "host", "a"));
        SeriesKey asStored = SeriesKey.of(kpi, Map.of("share", "\\\\\\\\fs01\\\\ops",
                "host", "a"));
        write(List.of(LineProtocol.format(point(series, at(0), 3.25, false))));

        assertThat(awaitScores(asStored, at(0), at(1), 1)).hasSize(1);
        assertThat(repository().scores(series, at(0), at(1))).isEmpty();
    }

    @Test
    void quoteEscapesQuotesAndBackslashes() {
        assertThat(InfluxQlScoreRepository.quote("a'b")).isEqualTo("'a\\'b'");
        assertThat(InfluxQlScoreRepository.quote("c:\\x")).isEqualTo("'c:\\\\x'");
        assertThat(InfluxQlScoreRepository.quote("北京")).isEqualTo("'北京'");
    }

    private HttpResponse<String> query(String influxQl) throws Exception {
        HttpResponse<String> response = post("/query?q=" + encode(influxQl), "");
        assertThat(response.statusCode()).as("InfluxDB /query response %s", response.body())
                .isEqualTo(200);
        return response;
    }

    private HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(influx.httpUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
