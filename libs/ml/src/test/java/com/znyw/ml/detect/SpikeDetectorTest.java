package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class SpikeDetectorTest {

    @Test
    void spikeIsFlaggedAndOutscoresNoise() {
        double[] values = Series.noise(2000, 50, 2, 1);
        values[1500] = 80;

        Detection[] detections = Series.run(new SpikeDetector(DetectorConfig.defaults()), values);

        assertThat(detections[1500].anomaly()).isTrue();
        assertThat(detections[1500].score())
                .isGreaterThan(Series.maxScore(detections, 500, 1500));
        assertThat(detections[1500].expected()).isCloseTo(50, offset(1.0));
    }

    @Test
    void dipIsFlagged() {
        double[] values = Series.noise(2000, 50, 2, 2);
        values[1500] = 20;

        Detection[] detections = Series.run(new SpikeDetector(DetectorConfig.defaults()), values);

        assertThat(detections[1500].anomaly()).isTrue();
        assertThat(detections[1500].lower()).isGreaterThan(20);
    }

    @Test
    void noiseRarelyAlarms() {
        double[] values = Series.noise(5000, 50, 2, 3);

        Detection[] detections = Series.run(new SpikeDetector(DetectorConfig.defaults()), values);

        // At the default alarm probability of about 3e-5, 5000 points should give at most a few.
        assertThat(Series.anomalyCount(detections, 0, values.length)).isLessThanOrEqualTo(3);
    }

    @Test
    void newLevelIsAdoptedAfterShift() {
        double[] values = Series.noise(2000, 50, 2, 4);
        for (int i = 1000; i < values.length; i++) {
            values[i] += 40;
        }

        Detection[] detections = Series.run(new SpikeDetector(DetectorConfig.defaults()), values);

        assertThat(detections[1000].anomaly()).isTrue();
        assertThat(Series.anomalyCount(detections, 1000 + SpikeDetector.SHIFT_RUN + 50, 2000))
                .isLessThanOrEqualTo(2);
        assertThat(detections[1999].expected()).isCloseTo(90, offset(3.0));
    }
}
