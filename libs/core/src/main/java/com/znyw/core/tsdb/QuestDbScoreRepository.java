package com.znyw.core.tsdb;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads {@code kpi_score} from QuestDB over its PostgreSQL wire port with SQL.
 *
 * <p>QuestDB makes rows readable a few hundred milliseconds after the write (WAL apply), so a
 * point just written may not be listed yet. Each call opens its own connection, which keeps the
 * class thread-safe; QuestDB's PostgreSQL handshake is cheap compared with a chart query.
 */
public final class QuestDbScoreRepository implements ScoreRepository {

    /**
     * DDL of the measurement. Deduplication on (timestamp, series) makes a point written twice one
     * row, which the detection job relies on for idempotent writes after a restart.
     */
    public static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS kpi_score ("
            + "series SYMBOL, kpi SYMBOL, value DOUBLE, expected DOUBLE, lower DOUBLE,"
            + " upper DOUBLE, score DOUBLE, anomaly BOOLEAN, detector SYMBOL,"
            + " model_version SYMBOL, timestamp TIMESTAMP) TIMESTAMP(timestamp)"
            + " PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, series)";

    private static final String COLUMNS = "timestamp, series, kpi, value, expected, lower, upper,"
            + " score, anomaly, detector, model_version";

    private final String jdbcUrl;
    private final Properties credentials = new Properties();

    /**
     * @param jdbcUrl  for example {@code jdbc:postgresql://127.0.0.1:8812/qdb}
     * @param user     QuestDB PostgreSQL user ({@code admin} by default)
     * @param password its password ({@code quest} by default)
     */
    public QuestDbScoreRepository(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        // QuestDB does not support server-side prepared statements well across all versions.
        credentials.setProperty("prepareThreshold", "0");
        credentials.setProperty("sslmode", "disable");
    }

    /** Creates the {@code kpi_score} table with its deduplication keys if it does not exist. */
    public void createTableIfMissing() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(CREATE_TABLE);
        } catch (SQLException e) {
            throw new ScoreStoreException("failed to create table kpi_score in QuestDB at "
                    + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Counts all scored points and the anomalous ones, over every series.
     *
     * @return {@code {scored, anomalies}}; zeros while the table does not exist
     */
    public long[] countScoredAndAnomalies() {
        String sql = "SELECT count(), sum(CASE WHEN anomaly THEN 1 ELSE 0 END) FROM kpi_score";
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return new long[] {0, 0};
            }
            throw failure(sql, e);
        }
    }

    @Override
    public List<ScoredPoint> scores(SeriesKey series, Instant from, Instant to) {
        return queryPoints("SELECT " + COLUMNS + " FROM kpi_score WHERE series = ?"
                + " AND timestamp >= ? AND timestamp < ? ORDER BY timestamp", series, from, to);
    }

    @Override
    public List<ScoredPoint> anomalies(SeriesKey series, Instant from, Instant to) {
        return queryPoints("SELECT " + COLUMNS + " FROM kpi_score WHERE series = ?"
                + " AND timestamp >= ? AND timestamp < ? AND anomaly = true ORDER BY timestamp",
                series, from, to);
    }

    @Override
    public List<ScoredPoint> recentAnomalies(Instant from, Instant to, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM kpi_score WHERE timestamp >= ? AND timestamp < ?"
                + " AND anomaly = true ORDER BY timestamp DESC LIMIT " + QueryArguments.checkLimit(limit);
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            return readPoints(statement);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    @Override
    public List<ScoreBucket> downsample(SeriesKey series, Instant from, Instant to,
                                        Duration bucket) {
        long seconds = QueryArguments.bucketSeconds(bucket);
        String sql = "SELECT timestamp, avg(value), avg(expected), min(lower), max(upper),"
                + " max(score) FROM kpi_score WHERE series = ? AND timestamp >= ?"
                + " AND timestamp < ? SAMPLE BY " + seconds + "s ALIGN TO CALENDAR";
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, series.toString());
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            List<ScoreBucket> buckets = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    buckets.add(new ScoreBucket(rows.getTimestamp(1).getTime(), rows.getDouble(2),
                            rows.getDouble(3), rows.getDouble(4), rows.getDouble(5),
                            rows.getDouble(6)));
                }
            }
            return buckets;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private List<ScoredPoint> queryPoints(String sql, SeriesKey series, Instant from, Instant to) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, series.toString());
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            return readPoints(statement);
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return List.of();
            }
            throw failure(sql, e);
        }
    }

    private static List<ScoredPoint> readPoints(PreparedStatement statement) throws SQLException {
        List<ScoredPoint> points = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ScoredPoint point = new ScoredPoint();
                point.ts = rows.getTimestamp(1).getTime();
                point.series = rows.getString(2);
                point.kpi = rows.getString(3);
                point.tags = new java.util.HashMap<>(SeriesKey.parse(point.series).tags());
                point.value = rows.getDouble(4);
                point.expected = rows.getDouble(5);
                point.lower = rows.getDouble(6);
                point.upper = rows.getDouble(7);
                point.score = rows.getDouble(8);
                point.anomaly = rows.getBoolean(9);
                point.detector = rows.getString(10);
                point.modelVersion = rows.getString(11);
                points.add(point);
            }
        }
        return points;
    }

    private static boolean isMissingTable(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("table does not exist");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, credentials);
    }

    private ScoreStoreException failure(String sql, SQLException e) {
        return new ScoreStoreException("QuestDB query failed at " + jdbcUrl + ": " + e.getMessage()
                + " (query: " + sql + ")", e);
    }

    @Override
    public void close() {
        // Connections are opened per call, so nothing stays open.
    }
}
