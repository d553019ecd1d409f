package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeasonalDetectorTest {

    private static final int DAY = Series.POINTS_PER_DAY;

    @Test
    void dailyPeriodIsFound() {
        SeasonalDetector detector = new SeasonalDetector(DetectorConfig.defaults());

        Series.run(detector, Series.daily(5 * DAY, 100, 30, 2, 12));

        assertThat(detector.periodMs()).isEqualTo(SeasonalDetector.DAY_MS);
    }

    @Test
    void weeklyPeriodIsFound() {
        // Weekdays busy, weekends quiet, no daily shape: only the weekly lag correlates.
        int length = 17 * DAY;
        double[] values = Series.noise(length, 0, 2, 13);
        for (int i = 0; i < length; i++) {
            int dayOfWeek = Math.floorMod(i / DAY + 3, 7);
            values[i] += dayOfWeek < 5 ? 100 : 40;
        }
        SeasonalDetector detector = new SeasonalDetector(DetectorConfig.defaults());

        Series.run(detector, values);

        assertThat(detector.periodMs()).isEqualTo(SeasonalDetector.WEEK_MS);
    }

    @Test
    void weeklyWinsWhenWeekendsDiffer() {
        // A strong daily wave whose weekend days are much quieter: both lags correlate, but only
        // the weekly profile predicts the weekends.
        int length = 24 * DAY;
        double[] values = Series.daily(length, 100, 40, 2, 27);
        for (int i = 0; i < length; i++) {
            int dayOfWeek = Math.floorMod(i / DAY + 3, 7);
            if (dayOfWeek >= 5) {
                values[i] = 100 + (values[i] - 100) * 0.2;
            }
        }
        SeasonalDetector detector = new SeasonalDetector(DetectorConfig.defaults());

        Series.run(detector, values);

        assertThat(detector.periodMs()).isEqualTo(SeasonalDetector.WEEK_MS);
    }

    @Test
    void noiseHasNoPeriod() {
        SeasonalDetector detector = new SeasonalDetector(DetectorConfig.defaults());

        Series.run(detector, Series.noise(10 * DAY, 100, 5, 14));

        assertThat(detector.periodMs()).isZero();
    }

    @Test
    void offSeasonValueIsFlagged() {
        // At the daily peak the value drops to the daily mean: within the series' overall range,
        // so only the seasonal view can tell it is wrong.
        double[] values = Series.daily(8 * DAY, 100, 30, 1, 15);
        int peak = 7 * DAY + DAY / 4;
        for (int i = peak; i < peak + 6; i++) {
            values[i] = 100;
        }

        Detection[] detections = Series.run(new SeasonalDetector(DetectorConfig.defaults()),
                values);

        assertThat(Series.firstAnomaly(detections, peak, peak + 6)).isEqualTo(peak);
        assertThat(detections[peak].expected()).isGreaterThan(120);
        assertThat(Series.anomalyCount(detections, 5 * DAY, 7 * DAY)).isLessThanOrEqualTo(2);
    }
}
