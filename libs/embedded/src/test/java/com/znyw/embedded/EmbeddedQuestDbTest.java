package com.znyw.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServicesExtension.class)
class EmbeddedQuestDbTest {

    @Test
    void v2WriteReadBackOverPg(EmbeddedQuestDb questDb) throws Exception {
        String table = "kpi_score_" + UUID.randomUUID().toString().replace("-", "");
        Instant time = Instant.parse("2024-12-04T08:13:20Z");

        // QuestDB ignores the token, organization and bucket of the v2 write API.
        try (InfluxDBClient client = InfluxDBClientFactory.create(questDb.httpUrl(), "unused".toCharArray(), "org", "bucket")) {
            WriteApiBlocking writes = client.getWriteApiBlocking();
            writes.writePoint(Point.measurement(table)
                    .addTag("host", "app-07")
                    .addTag("idc", "BJ")
                    .addField("value", 182.5)
                    .addField("anomaly", true)
                    .time(time, WritePrecision.MS));
        }

        try (Connection connection = DriverManager.getConnection(questDb.pgJdbcUrl(), EmbeddedQuestDb.PG_USER,
                EmbeddedQuestDb.PG_PASSWORD)) {
            Row row = pollRow(connection, "SELECT host, idc, value, anomaly, timestamp FROM '" + table + "'",
                    Duration.ofSeconds(30));
            assertThat(row).as("row in table %s", table).isNotNull();
            assertThat(row.host()).isEqualTo("app-07");
            assertThat(row.idc()).isEqualTo("BJ");
            assertThat(row.value()).isEqualTo(182.5);
            assertThat(row.anomaly()).isTrue();
            assertThat(row.time()).isEqualTo(time);
        }
    }

    @Test
    void runsWithTheEmbeddedSettings(EmbeddedQuestDb questDb) throws Exception {
        try (Connection connection = DriverManager.getConnection(questDb.pgJdbcUrl(), EmbeddedQuestDb.PG_USER,
                EmbeddedQuestDb.PG_PASSWORD);
             PreparedStatement statement = connection.prepareStatement("SELECT property_path, value"
                     + " FROM (SHOW PARAMETERS) WHERE property_path IN"
                     + " ('cairo.o3.partition.split.min.size', 'shared.network.worker.count')");
             ResultSet rows = statement.executeQuery()) {
            Map<String, String> values = new HashMap<>();
            while (rows.next()) {
                values.put(rows.getString(1), rows.getString(2));
            }
            assertThat(values).containsEntry("cairo.o3.partition.split.min.size", "4194304")
                    .containsEntry("shared.network.worker.count", "1");
        }
    }

    private record Row(String host, String idc, double value, boolean anomaly, Instant time) {
    }

    /** Runs the query until it returns a row, because rows appear only after the WAL is applied. */
    private static Row pollRow(Connection connection, String sql, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    return new Row(rows.getString(1), rows.getString(2), rows.getDouble(3), rows.getBoolean(4),
                            rows.getTimestamp(5).toInstant());
                }
            } catch (SQLException e) {
                // The table does not exist until the first WAL segment is applied.
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No row for '" + sql + "' within " + timeout.toSeconds() + " s", last);
    }
}
