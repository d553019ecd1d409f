package com.znyw.console.kpi;

import com.znyw.console.config.ZnywProperties;
import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.core.tsdb.ScoreBucket;
import com.znyw.core.tsdb.ScoreRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Prepares a series' chart. Ranges holding more points than {@code znyw.ui.max-chart-points}
 * are downsampled in the store (bucket means for value and expected, the band's outer edges),
 * so 7 days of 1-minute points reach the browser as about that many rows; anomalies are always
 * sent at their exact time and value.
 */
@Service
public class ChartService {

    private final ScoreRepository scores;
    private final int maxPoints;

    public ChartService(ScoreRepository scores, ZnywProperties properties) {
        this.scores = scores;
        this.maxPoints = properties.ui().maxChartPoints();
    }

    /**
     * Reads the chart of a series.
     *
     * @param expectedIntervalMs the series' reporting interval, to estimate the point count
     * @throws IllegalArgumentException when {@code from} is not before {@code to}
     */
    public ChartData chart(SeriesKey series, Instant from, Instant to, long expectedIntervalMs,
                           String title, String unit, String zone, String locale) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the range start " + from
                    + " is not before its end " + to + ": choose an earlier start");
        }
        long rangeMs = Duration.between(from, to).toMillis();
        long estimated = rangeMs / Math.max(1000, expectedIntervalMs);
        List<double[]> points = new ArrayList<>();
        long bucketSeconds = 0;
        if (estimated > maxPoints) {
            bucketSeconds = Math.max(1, (rangeMs / maxPoints + 999) / 1000);
            for (ScoreBucket b : scores.downsample(series, from, to, Duration.ofSeconds(bucketSeconds))) {
                points.add(new double[] {b.ts(), b.value(), b.expected(), b.lower(), b.upper()});
            }
        } else {
            for (ScoredPoint p : scores.scores(series, from, to)) {
                points.add(new double[] {p.ts, p.value, p.expected, p.lower, p.upper});
            }
        }
        List<double[]> anomalies = new ArrayList<>();
        for (ScoredPoint p : scores.anomalies(series, from, to)) {
            anomalies.add(new double[] {p.ts, p.value, p.score});
        }
        return new ChartData(title, unit, zone, locale, points, anomalies, bucketSeconds, java.util.Map.of());
    }

    /** Recent anomalies of one series, newest first. */
    public List<ScoredPoint> anomalies(SeriesKey series, Instant from, Instant to) {
        List<ScoredPoint> list = new ArrayList<>(scores.anomalies(series, from, to));
        java.util.Collections.reverse(list);
        return list;
    }
}
