package com.znyw.core.tsdb;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxQLQueryApi;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Reads {@code kpi_score} from InfluxDB with InfluxQL through influxdb-client-java's
 * {@link InfluxQLQueryApi}. Works with InfluxDB 1.x (database name) and with 2.x/3.x through
 * their InfluxQL endpoint (the database name maps to a bucket through a DBRP mapping).
 * InfluxQL rather than Flux, because InfluxDB 3 has no Flux.
 *
 * <p>NOTE: on InfluxDB 1.6.7 a query on a missing database returns no rows instead of an error,
 * because that version sends an empty CSV body for it. A tag value with a backslash is stored
 * there with the line protocol's escape kept, so such a series cannot be read back by its key.
 */
public final class InfluxQlScoreRepository implements ScoreRepository {

    /**
     * Selected tags and fields. {@code series} is an InfluxQL keyword ({@code SHOW SERIES}), so
     * it must be a double-quoted identifier wherever a query names the tag.
     */
    private static final String FIELDS = "\"series\", kpi, value, expected, lower, upper, score,"
            + " anomaly, detector, model_version";

    private final InfluxDBClient client;
    private final String database;

    /** Takes ownership of {@code client}: {@link #close()} closes it. */
    public InfluxQlScoreRepository(InfluxDBClient client, String database) {
        this.client = client;
        this.database = database;
    }

    @Override
    public List<ScoredPoint> scores(SeriesKey series, Instant from, Instant to) {
        return queryPoints("SELECT " + FIELDS + " FROM kpi_score WHERE \"series\" = "
                + quote(series.toString()) + " AND " + timeRange(from, to) + " ORDER BY time ASC");
    }

    @Override
    public List<ScoredPoint> anomalies(SeriesKey series, Instant from, Instant to) {
        return queryPoints("SELECT " + FIELDS + " FROM kpi_score WHERE \"series\" = "
                + quote(series.toString()) + " AND anomaly = true AND " + timeRange(from, to)
                + " ORDER BY time ASC");
    }

    @Override
    public List<ScoredPoint> recentAnomalies(Instant from, Instant to, int limit) {
        return queryPoints("SELECT " + FIELDS + " FROM kpi_score WHERE anomaly = true AND "
                + timeRange(from, to) + " ORDER BY time DESC LIMIT " + QueryArguments.checkLimit(limit));
    }

    @Override
    public List<ScoreBucket> downsample(SeriesKey series, Instant from, Instant to,
                                        Duration bucket) {
        long seconds = QueryArguments.bucketSeconds(bucket);
        String query = "SELECT mean(value), mean(expected), min(lower), max(upper), max(score)"
                + " FROM kpi_score WHERE \"series\" = " + quote(series.toString()) + " AND "
                + timeRange(from, to) + " GROUP BY time(" + seconds + "s) fill(none)";
        List<ScoreBucket> buckets = new ArrayList<>();
        for (InfluxQLQueryResult.Series rows : run(query)) {
            for (InfluxQLQueryResult.Series.Record row : rows.getValues()) {
                Object[] values = row.getValues();
                buckets.add(new ScoreBucket(toLong(values[0]), toDouble(values[1]),
                        toDouble(values[2]), toDouble(values[3]), toDouble(values[4]),
                        toDouble(values[5])));
            }
        }
        return buckets;
    }

    private List<ScoredPoint> queryPoints(String query) {
        List<ScoredPoint> points = new ArrayList<>();
        for (InfluxQLQueryResult.Series rows : run(query)) {
            for (InfluxQLQueryResult.Series.Record row : rows.getValues()) {
                ScoredPoint point = new ScoredPoint();
                point.ts = toLong(row.getValueByKey("time"));
                point.series = String.valueOf(row.getValueByKey("series"));
                point.kpi = String.valueOf(row.getValueByKey("kpi"));
                point.tags = new HashMap<>(SeriesKey.parse(point.series).tags());
                point.value = toDouble(row.getValueByKey("value"));
                point.expected = toDouble(row.getValueByKey("expected"));
                point.lower = toDouble(row.getValueByKey("lower"));
                point.upper = toDouble(row.getValueByKey("upper"));
                point.score = toDouble(row.getValueByKey("score"));
                point.anomaly = Boolean.parseBoolean(String.valueOf(row.getValueByKey("anomaly")));
                point.detector = toText(row.getValueByKey("detector"));
                point.modelVersion = toText(row.getValueByKey("model_version"));
                points.add(point);
            }
        }
        return points;
    }

    private List<InfluxQLQueryResult.Series> run(String query) {
        InfluxQLQuery request = new InfluxQLQuery(query, database)
                .setPrecision(InfluxQLQuery.InfluxQLPrecision.MILLISECONDS);
        InfluxQLQueryResult result;
        try {
            result = client.getInfluxQLQueryApi().query(request);
        } catch (RuntimeException e) {
            throw new ScoreStoreException("InfluxQL query failed on database " + database + ": "
                    + e.getMessage() + " (query: " + query + ")", e);
        }
        List<InfluxQLQueryResult.Series> series = new ArrayList<>();
        if (result == null) {
            return series;
        }
        for (InfluxQLQueryResult.Result part : result.getResults()) {
            series.addAll(part.getSeries());
        }
        return series;
    }

    private static String timeRange(Instant from, Instant to) {
        return "time >= " + from.toEpochMilli() + "ms AND time < " + to.toEpochMilli() + "ms";
    }

    /** Quotes a string literal for InfluxQL, escaping backslashes and single quotes. */
    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static long toLong(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        return (long) Double.parseDouble(String.valueOf(value));
    }

    private static double toDouble(Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }

    private static String toText(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? null : text;
    }

    @Override
    public void close() {
        client.close();
    }
}
