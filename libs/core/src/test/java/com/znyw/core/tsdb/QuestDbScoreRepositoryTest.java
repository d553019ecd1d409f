package com.znyw.core.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.WritePrecision;
import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.embedded.EmbeddedQuestDb;
import com.znyw.embedded.EmbeddedServicesExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the repository contract against QuestDB 9.3 in its own JVM. Points go in through
 * influxdb-client-java's v2 write API on QuestDB's HTTP port ({@code /api/v2/write}), as the
 * detection job writes them, and come out over the PostgreSQL wire port.
 */
@ExtendWith(EmbeddedServicesExtension.class)
class QuestDbScoreRepositoryTest extends ScoreRepositoryContract {

    private EmbeddedQuestDb questDb;
    private InfluxDBClient writer;
    private QuestDbScoreRepository repository;

    @BeforeEach
    void connect(EmbeddedQuestDb questDb) {
        this.questDb = questDb;
        repository = new QuestDbScoreRepository(questDb.pgJdbcUrl(), EmbeddedQuestDb.PG_USER,
                EmbeddedQuestDb.PG_PASSWORD);
        repository.createTableIfMissing();
        // QuestDB ignores the organization and bucket; the client requires them.
        writer = InfluxDBClientFactory.create(InfluxDBClientOptions.builder()
                .url(questDb.httpUrl()).org("znyw").bucket("znyw").build());
    }

    @AfterEach
    void close() {
        writer.close();
        repository.close();
    }

    @Override
    protected void write(List<String> lines) {
        writer.getWriteApiBlocking().writeRecords(WritePrecision.MS, lines);
    }

    @Override
    protected ScoreRepository repository() {
        return repository;
    }

    @Override
    protected ScoreRepository unreachableRepository() throws Exception {
        int closedPort = closedPort();
        return new QuestDbScoreRepository("jdbc:postgresql://127.0.0.1:" + closedPort + "/qdb",
                EmbeddedQuestDb.PG_USER, EmbeddedQuestDb.PG_PASSWORD);
    }

    @Override
    protected String storedTag(SeriesKey series, String column) throws Exception {
        try (Connection connection = DriverManager.getConnection(questDb.pgJdbcUrl(),
                EmbeddedQuestDb.PG_USER, EmbeddedQuestDb.PG_PASSWORD);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT " + column + " FROM kpi_score WHERE series = ? LIMIT 1")) {
            statement.setString(1, series.toString());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Test
    void createTableIfMissingIsIdempotent() {
        repository.createTableIfMissing();
        repository.createTableIfMissing();

        assertThat(repository.scores(SeriesKey.of(kpi, Map.of()), at(0), at(1))).isEmpty();
    }

    @Test
    void storeDeduplicatesOnSeriesAndTimestampOnly() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        ScoredPoint point = point(series, at(0), 1.0, false);
        ScoredPoint sameMillisecondOtherSeries = point(SeriesKey.of(kpi, Map.of("host", "b")),
                at(0), 2.0, false);
        ScoredPoint oneMillisecondLater = point(series, at(0).plusMillis(1), 3.0, false);
        write(List.of(LineProtocol.format(point), LineProtocol.format(sameMillisecondOtherSeries),
                LineProtocol.format(oneMillisecondLater), LineProtocol.format(point)));

        List<ScoredPoint> read = awaitScores(series, at(0), at(1), 2);

        assertThat(read).containsExactly(point, oneMillisecondLater);
        assertThat(awaitScores(SeriesKey.of(kpi, Map.of("host", "b")), at(0), at(1), 1))
                .containsExactly(sameMillisecondOtherSeries);
    }
}
