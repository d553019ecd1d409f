package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VarianceChangeDetectorTest {

    @Test
    void noisierSeriesIsFlagged() {
        double[] calm = Series.noise(2000, 30, 1, 8);
        double[] noisy = Series.noise(1000, 0, 4, 9);
        double[] values = new double[3000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 2000 ? calm[i] : 30 + noisy[i - 2000];
        }

        Detection[] detections = Series.run(new VarianceChangeDetector(DetectorConfig.defaults()),
                values);

        assertThat(Series.firstAnomaly(detections, 2000, 3000)).isBetween(2000, 2050);
        assertThat(Series.anomalyCount(detections, 500, 2000)).isLessThanOrEqualTo(2);
    }

    @Test
    void levelShiftAloneIsNotVarianceChange() {
        double[] values = Series.noise(3000, 30, 1, 10);
        for (int i = 2000; i < values.length; i++) {
            values[i] += 3;
        }

        Detection[] detections = Series.run(new VarianceChangeDetector(DetectorConfig.defaults()),
                values);

        assertThat(Series.anomalyCount(detections, 2001, 3000)).isZero();
    }
}
