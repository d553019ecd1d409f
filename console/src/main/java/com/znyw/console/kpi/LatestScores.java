package com.znyw.console.kpi;

import com.znyw.console.config.ZnywProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The latest score of every series, for sorting the KPI list. One QuestDB query
 * ({@code LATEST ON timestamp PARTITION BY series}) serves all series; the result is cached for
 * a few seconds so that paging through the list does not repeat it.
 *
 * <p>NOTE: only QuestDB is supported here; with InfluxDB the map is empty and the list sorts
 * every series as unscored. {@code ScoreRepository} has no "latest per series" read yet.
 */
@Component
public class LatestScores {

    /** Latest score and its time. */
    public record Latest(double score, boolean anomaly, Instant ts) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LatestScores.class);
    private static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private final ZnywProperties.Store store;
    private final Clock clock;
    private volatile Map<String, Latest> cached = Map.of();
    private volatile Instant cachedAt = Instant.EPOCH;

    public LatestScores(ZnywProperties properties, Clock clock) {
        this.store = properties.store();
        this.clock = clock;
    }

    public Map<String, Latest> all() {
        Instant now = clock.instant();
        if (now.isBefore(cachedAt.plus(CACHE_TTL))) {
            return cached;
        }
        Map<String, Latest> fresh = store.type() == ZnywProperties.StoreType.QUESTDB ? query() : Map.of();
        cached = fresh;
        cachedAt = now;
        return fresh;
    }

    /** Drops the cache, for example after test data was written. */
    public void invalidate() {
        cachedAt = Instant.EPOCH;
    }

    private Map<String, Latest> query() {
        Properties props = new Properties();
        props.setProperty("user", store.user() == null ? "admin" : store.user());
        props.setProperty("password", store.password() == null ? "quest" : store.password());
        props.setProperty("prepareThreshold", "0");
        props.setProperty("sslmode", "disable");
        String sql = "SELECT series, score, anomaly, timestamp FROM kpi_score"
                + " LATEST ON timestamp PARTITION BY series";
        Map<String, Latest> result = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(store.url(), props);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.put(rows.getString(1), new Latest(rows.getDouble(2), rows.getBoolean(3),
                        rows.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            // A missing table means nothing was scored yet; anything else is logged and the
            // list falls back to "no score" rather than failing.
            if (e.getMessage() == null || !e.getMessage().contains("does not exist")) {
                LOG.warn("Failed to read latest scores from {}: {}", store.url(), e.getMessage());
            }
        }
        return result;
    }
}
