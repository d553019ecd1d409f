package com.znyw.console.support;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A scored series shaped like NAB's {@code art_daily_jumpsup}: a daily cycle with noise, a
 * level jump on the last day and a few spikes. The expected value is the cycle and the band is
 * three noise sigmas around it. A point outside the band is an anomaly, so the anomaly count
 * follows from the data.
 */
public final class NabLikeSeries {

    private NabLikeSeries() {
    }

    public static List<ScoredPoint> generate(SeriesKey key, long endMs, int points, long stepMs, long seed) {
        Random random = new Random(seed);
        List<ScoredPoint> out = new ArrayList<>(points);
        long start = endMs - (long) points * stepMs;
        double sigma = 2.0;
        for (int i = 0; i < points; i++) {
            long ts = start + (long) i * stepMs;
            double dayPhase = 2 * Math.PI * ((ts % 86_400_000L) / 86_400_000.0);
            double expected = 50 + 20 * Math.sin(dayPhase);
            double value = expected + random.nextGaussian() * sigma * 0.5;
            if (i > points * 3 / 4 && i < points * 3 / 4 + 30) {
                value += 25; // the jump, 30 points long
            }
            if (i % 997 == 500) {
                value += 40; // isolated spikes
            }
            ScoredPoint p = new ScoredPoint();
            p.series = key.toString();
            p.kpi = key.kpi();
            p.tags = new java.util.HashMap<>(key.tags());
            p.ts = ts;
            p.value = value;
            p.expected = expected;
            p.lower = expected - 3 * sigma;
            p.upper = expected + 3 * sigma;
            double z = Math.abs(value - expected) / sigma;
            p.score = Math.min(1.0, z / 10.0);
            p.anomaly = value < p.lower || value > p.upper;
            p.detector = "test";
            p.modelVersion = "online";
            out.add(p);
        }
        return out;
    }
}
