package com.znyw.core.tsdb;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Read side of the {@code kpi_score} measurement. Ranges are half-open: {@code from} inclusive,
 * {@code to} exclusive. Results come in ascending time order unless a method says otherwise.
 */
public interface ScoreRepository extends AutoCloseable {

    /** Lists every scored point of the series in the range. */
    List<ScoredPoint> scores(SeriesKey series, Instant from, Instant to);

    /** Lists the anomalous points of the series in the range. */
    List<ScoredPoint> anomalies(SeriesKey series, Instant from, Instant to);

    /**
     * Lists anomalies of all series in the range, newest first, at most {@code limit}.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    List<ScoredPoint> recentAnomalies(Instant from, Instant to, int limit);

    /**
     * Aggregates the series into buckets of the given width, for charts over long ranges. Buckets
     * without points are left out.
     *
     * @throws IllegalArgumentException when {@code bucket} is not a whole number of seconds of at
     *     least one second
     */
    List<ScoreBucket> downsample(SeriesKey series, Instant from, Instant to, Duration bucket);

    @Override
    void close();
}
