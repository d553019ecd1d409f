package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class EnsembleDetectorTest {

    private static final int DAY = Series.POINTS_PER_DAY;

    private static Detection[] runEnsemble(double[] values) {
        return Series.run(Detectors.newEnsemble(DetectorConfig.defaults()), values);
    }

    @Test
    void spikeIsFlagged() {
        double[] values = Series.noise(3000, 50, 2, 19);
        values[2500] = 90;

        Detection[] detections = runEnsemble(values);

        assertThat(detections[2500].anomaly()).isTrue();
    }

    @Test
    void dipIsFlagged() {
        double[] values = Series.noise(3000, 50, 2, 20);
        values[2500] = 10;

        Detection[] detections = runEnsemble(values);

        assertThat(detections[2500].anomaly()).isTrue();
    }

    @Test
    void levelShiftAlarmsOnceAtStart() {
        double[] values = Series.noise(4000, 50, 2, 21);
        for (int i = 2500; i < values.length; i++) {
            values[i] += 6;
        }

        Detection[] detections = runEnsemble(values);

        assertThat(Series.firstAnomaly(detections, 2500, 4000)).isBetween(2500, 2520);
        assertThat(Series.anomalyCount(detections, 2600, 4000)).isLessThanOrEqualTo(2);
    }

    @Test
    void varianceChangeIsFlagged() {
        double[] values = Series.noise(4000, 50, 1, 22);
        double[] wide = Series.noise(1000, 0, 5, 23);
        for (int i = 3000; i < values.length; i++) {
            values[i] = 50 + wide[i - 3000];
        }

        Detection[] detections = runEnsemble(values);

        assertThat(Series.firstAnomaly(detections, 3000, 4000)).isBetween(3000, 3050);
    }

    @Test
    void offSeasonValueIsFlagged() {
        double[] values = Series.daily(9 * DAY, 100, 30, 1, 24);
        int peak = 8 * DAY + DAY / 4;
        for (int i = peak; i < peak + 6; i++) {
            values[i] = 100;
        }

        Detection[] detections = runEnsemble(values);

        assertThat(Series.firstAnomaly(detections, peak, peak + 6)).isEqualTo(peak);
        assertThat(detections[peak].expected()).isCloseTo(130, Offset.offset(5.0));
        assertThat(Series.anomalyCount(detections, 6 * DAY, 8 * DAY)).isLessThanOrEqualTo(2);
    }

    @Test
    void nightlySpikeAlarmsOnFirstNightOnly() {
        // A spike at about 03:30 every night, 10 minutes early or late on some nights. Without
        // the alarm memory the ensemble alarmed on 11 of these 13 nights.
        double[] values = Series.noise(14 * DAY, 50, 2, 31);
        int[] spikes = new int[13];
        for (int night = 1; night <= spikes.length; night++) {
            spikes[night - 1] = night * DAY + 40 + (night % 3) * 2;
            values[spikes[night - 1]] = 80;
        }

        Detection[] detections = runEnsemble(values);

        assertThat(detections[spikes[0]].anomaly()).isTrue();
        for (int night = 2; night <= spikes.length; night++) {
            assertThat(detections[spikes[night - 1]].anomaly()).as("night %d", night).isFalse();
        }
    }

    @Test
    void repeatPeakDecaysInTime() {
        // Two equal spikes 60 points apart. Sampled hourly, they are two and a half days apart
        // and the second is a new incident. Sampled every minute, the second repeats the same
        // hour's incident. A decay per point only would damp the hourly second spike as well.
        double[] values = Series.noise(1200, 50, 2, 36);
        values[900] = 75;
        values[960] = 75;

        Detection[] hourly = Series.run(Detectors.newEnsemble(DetectorConfig.defaults()), values,
                3_600_000L);
        Detection[] everyMinute = Series.run(Detectors.newEnsemble(DetectorConfig.defaults()),
                values, 60_000L);

        assertThat(hourly[900].anomaly()).isTrue();
        assertThat(hourly[960].anomaly()).isTrue();
        assertThat(everyMinute[900].anomaly()).isTrue();
        assertThat(everyMinute[960].anomaly()).isFalse();
    }

    @Test
    void newExtremeScoresAtLeastRuleScore() {
        double[] values = Series.noise(3000, 50, 2, 32);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 2500; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        values[2500] = max + 0.1 * (max - min);

        Detection[] detections = runEnsemble(values);

        double ruleScore = EnsembleDetector.NEW_EXTREME_SCORE;
        assertThat(detections[2500].score()).isGreaterThanOrEqualTo(ruleScore);
        assertThat(detections[2500].anomaly()).isTrue();
        assertThat(Series.maxScore(detections, 2501, 3000)).isLessThan(ruleScore);
    }

    @Test
    void newExtremeRuleWaitsForOneDay() {
        // In the first day a daily cycle keeps leaving the range of the points seen so far.
        double[] values = Series.daily(2 * DAY, 100, 30, 1, 33);

        Detection[] detections = runEnsemble(values);

        for (int i = 0; i < DAY; i++) {
            assertThat(detections[i].detector()).as("point %d", i)
                    .isNotEqualTo(EnsembleDetector.NEW_EXTREME_NAME);
        }
    }

    @Test
    void flatRecordScoresOncePerStretch() {
        double[] values = Series.noise(3000, 50, 2, 34);
        // In noise each value lasts one step of 5 minutes. Two hours unchanged beat that once the
        // stretch is an hour old (point 1012), and the stretch lasts 120 minutes in all.
        Arrays.fill(values, 1000, 1024, 50.0);
        // Five hours unchanged at the same level beat 120 minutes by more than the tolerance
        // after 26 steps (130 minutes).
        Arrays.fill(values, 2500, 2560, 50.0);

        Detection[] detections = runEnsemble(values);

        for (int i = 1000; i < 2560; i++) {
            boolean raised = EnsembleDetector.NEW_FLAT_NAME.equals(detections[i].detector());
            assertThat(raised).as("point %d", i).isEqualTo(i == 1012 || i == 2526);
        }
        assertThat(detections[2526].score())
                .isGreaterThanOrEqualTo(EnsembleDetector.NEW_EXTREME_SCORE);
        assertThat(detections[2526].anomaly()).isTrue();
    }

    @Test
    void viewAlarmAfterRecordIsDamped() {
        double[] values = Series.noise(3000, 50, 2, 34);
        // An early spike widens the range, so the later one is no new extreme.
        values[500] = 62;
        // An hour unchanged is a new flat record at point 1012, as in the test above.
        Arrays.fill(values, 1000, 1014, 50.0);
        // The writer recovers with a spike two points later: the same incident.
        values[1014] = 60;
        values[2500] = 60;

        Detection[] detections = runEnsemble(values);

        assertThat(detections[1012].detector()).isEqualTo(EnsembleDetector.NEW_FLAT_NAME);
        assertThat(detections[1012].anomaly()).isTrue();
        assertThat(detections[1014].anomaly()).isFalse();
        // The same spike away from any alarm still alarms.
        assertThat(detections[2500].anomaly()).isTrue();
    }

    @Test
    void cleanSeasonalSeriesRarelyAlarms() {
        double[] values = Series.daily(14 * DAY, 100, 30, 2, 25);

        Detection[] detections = runEnsemble(values);

        assertThat(Series.anomalyCount(detections, 0, values.length)).isLessThanOrEqualTo(3);
    }

    @Test
    void learningPeriodScoresZero() {
        double[] values = Series.noise(EnsembleDetector.LEARNING_POINTS, 5, 1, 26);
        values[EnsembleDetector.LEARNING_POINTS - 1] = 1e6;

        Detection[] detections = runEnsemble(values);

        assertThat(Series.maxScore(detections, 0, values.length)).isZero();
    }

    @Test
    void strongSingleViewIsNotDiluted() {
        // One view at 1e-9 and four seeing nothing: Fisher alone would give about 1e-5.
        double negativeLogSum = -Math.log(1e-9) - 4 * Math.log(0.5);

        double combined = EnsembleDetector.combinedProbability(negativeLogSum, 1e-9, 5);

        assertThat(combined).isCloseTo(2 * 5 * 1e-9, Offset.offset(1e-15));
    }

    @Test
    void fisherProbabilityMatchesChiSquared() {
        // One probability combines to itself; two of 0.05 give exp(-s)(1 + s), s = -2 ln 0.05.
        assertThat(EnsembleDetector.fisherProbability(-Math.log(0.3), 1))
                .isCloseTo(0.3, Offset.offset(1e-12));
        double s = -2 * Math.log(0.05);
        assertThat(EnsembleDetector.fisherProbability(s, 2))
                .isCloseTo(Math.exp(-s) * (1 + s), Offset.offset(1e-12));
        assertThat(EnsembleDetector.fisherProbability(0.0, 4)).isEqualTo(1.0);
    }
}
