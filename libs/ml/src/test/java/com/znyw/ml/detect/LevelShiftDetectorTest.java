package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelShiftDetectorTest {

    @Test
    void smallShiftIsFoundWithinFewPoints() {
        // A shift of 1.5 sigma: too small for a spike test, large for a cumulative sum.
        double[] values = Series.noise(3000, 20, 1, 5);
        for (int i = 2000; i < values.length; i++) {
            values[i] += 1.5;
        }

        Detection[] detections = Series.run(new LevelShiftDetector(DetectorConfig.defaults()),
                values);

        int first = Series.firstAnomaly(detections, 2000, 3000);
        assertThat(first).isBetween(2000, 2060);
        assertThat(Series.anomalyCount(detections, 500, 2000)).isLessThanOrEqualTo(2);
    }

    @Test
    void downwardShiftIsFound() {
        double[] values = Series.noise(3000, 20, 1, 6);
        for (int i = 2000; i < values.length; i++) {
            values[i] -= 3;
        }

        Detection[] detections = Series.run(new LevelShiftDetector(DetectorConfig.defaults()),
                values);

        assertThat(Series.firstAnomaly(detections, 2000, 3000)).isBetween(2000, 2030);
    }

    @Test
    void singleSpikeDoesNotTrigger() {
        double[] values = Series.noise(3000, 20, 1, 7);
        values[2000] = 200;

        Detection[] detections = Series.run(new LevelShiftDetector(DetectorConfig.defaults()),
                values);

        assertThat(Series.anomalyCount(detections, 1990, 2100)).isZero();
    }
}
