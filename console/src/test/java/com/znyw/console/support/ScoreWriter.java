package com.znyw.console.support;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.core.tsdb.LineProtocol;
import com.znyw.core.tsdb.QuestDbScoreRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Writes scored points to QuestDB over its InfluxDB v2 write endpoint and waits until readable. */
public final class ScoreWriter {

    private ScoreWriter() {
    }

    public static void write(String questHttpUrl, String pgJdbcUrl, List<ScoredPoint> points)
            throws IOException, InterruptedException {
        QuestDbScoreRepository repository = new QuestDbScoreRepository(pgJdbcUrl, "admin", "quest");
        repository.createTableIfMissing();
        HttpClient http = HttpClient.newHttpClient();
        int batch = 1000;
        for (int from = 0; from < points.size(); from += batch) {
            String body = points.subList(from, Math.min(points.size(), from + batch)).stream()
                    .map(LineProtocol::format).collect(Collectors.joining("\n")) + "\n";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(questHttpUrl + "/api/v2/write?precision=ms"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("QuestDB write failed: HTTP " + response.statusCode() + " " + response.body());
            }
        }
        // Rows become readable when the WAL is applied: poll, with a deadline.
        SeriesKey key = SeriesKey.parse(points.get(0).series);
        Instant from = Instant.ofEpochMilli(points.get(0).ts);
        Instant to = Instant.ofEpochMilli(points.get(points.size() - 1).ts + 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (repository.scores(key, from, to).size() < points.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("QuestDB did not make " + points.size()
                        + " rows of " + key + " readable within 30 s");
            }
            Thread.sleep(200);
        }
    }
}
