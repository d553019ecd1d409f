package com.znyw.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.znyw.core.model.ScoredPoint;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scoring operator under Flink's test harness: watermarks, timers, state and side outputs. */
class SeriesScorerTest {

    private static final String SERIES = "cpu{host=h1}";
    private static final long MINUTE = 60_000;
    private static final long LATENESS_MS = 5 * MINUTE;

    private KeyedBroadcastOperatorTestHarness<String, IngestedRecord, SeriesSettings, ScoredPoint> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness();
        harness.open();
    }

    /** Creates a harness that is set up but not yet opened, so a test can restore state first. */
    private static KeyedBroadcastOperatorTestHarness<String, IngestedRecord, SeriesSettings, ScoredPoint>
            newHarness() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, IngestedRecord, SeriesSettings, ScoredPoint> created =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(new SeriesScorer(5.0, LATENESS_MS, 2_000),
                                List.of(SeriesScorer.SETTINGS)),
                        record -> record.series, Types.STRING, 1, 1, 0);
        // The explicit output type keeps the harness from copying the tags map with Kryo.
        created.setup(FlinkTypes.SCORED_POINT.createSerializer(new ExecutionConfig()));
        return created;
    }

    /** Advances the watermark of the points; the settings input is idle, as in the job. */
    private static void watermark(
            KeyedBroadcastOperatorTestHarness<String, IngestedRecord, SeriesSettings, ScoredPoint> target,
            long ts) throws Exception {
        ((CoBroadcastWithKeyedOperator<?, ?, ?, ?>) target.getOperator())
                .processWatermarkStatus2(WatermarkStatus.IDLE);
        target.processWatermark(new Watermark(ts));
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private void point(long ts, double value) throws Exception {
        harness.processElement(new StreamRecord<>(IngestedRecord.point(SERIES, "cpu", ts, value), ts));
    }

    private List<ScoredPoint> scored() {
        return harness.extractOutputValues();
    }

    @Test
    void scoresPointsOnlyAfterWatermark() throws Exception {
        point(MINUTE, 1.0);
        point(2 * MINUTE, 2.0);

        assertThat(scored()).isEmpty();

        watermark(harness, 2 * MINUTE);

        assertThat(scored()).extracting(p -> p.ts).containsExactly(MINUTE, 2 * MINUTE);
    }

    @Test
    void reordersPointsWithinBound() throws Exception {
        point(3 * MINUTE, 3.0);
        point(MINUTE, 1.0);
        point(2 * MINUTE, 2.0);
        watermark(harness, 3 * MINUTE);

        assertThat(scored()).extracting(p -> p.ts).containsExactly(MINUTE, 2 * MINUTE, 3 * MINUTE);
        assertThat(scored()).extracting(p -> p.value).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void pointBehindScoredOneIsLate() throws Exception {
        point(2 * MINUTE, 2.0);
        watermark(harness, 2 * MINUTE);
        point(MINUTE, 1.0);

        ConcurrentLinkedQueue<StreamRecord<IngestedRecord>> late = harness.getSideOutput(SeriesScorer.LATE);
        assertThat(late).hasSize(1);
        assertThat(late.peek().getValue().ts).isEqualTo(MINUTE);
        assertThat(scored()).hasSize(1);
    }

    @Test
    void pointBeyondLatenessIsLate() throws Exception {
        watermark(harness, 100 * MINUTE);
        point(100 * MINUTE - LATENESS_MS - 1, 1.0);
        point(100 * MINUTE - LATENESS_MS + 1, 1.0);
        watermark(harness, 101 * MINUTE);

        assertThat(harness.getSideOutput(SeriesScorer.LATE)).hasSize(1);
        assertThat(scored()).hasSize(1);
    }

    @Test
    void idleInputsMakeNoPointLate() throws Exception {
        CoBroadcastWithKeyedOperator<?, ?, ?, ?> operator =
                (CoBroadcastWithKeyedOperator<?, ?, ?, ?>) harness.getOperator();
        operator.processWatermarkStatus2(WatermarkStatus.IDLE);
        operator.processWatermarkStatus1(WatermarkStatus.IDLE);
        harness.setProcessingTime(0);
        point(MINUTE, 1.0);
        harness.setProcessingTime(10_000);

        assertThat(harness.getSideOutput(SeriesScorer.LATE)).isNullOrEmpty();
        assertThat(scored()).hasSize(1);
    }

    @Test
    void hugeLatenessDoesNotOverflow() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, IngestedRecord, SeriesSettings, ScoredPoint> lenient =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new SeriesScorer(5.0, Long.MAX_VALUE / 2, 2_000),
                                List.of(SeriesScorer.SETTINGS)),
                        record -> record.series, Types.STRING, 1, 1, 0);
        lenient.setup(FlinkTypes.SCORED_POINT.createSerializer(new ExecutionConfig()));
        lenient.open();
        try {
            watermark(lenient, Long.MIN_VALUE + 10);
            lenient.processElement(new StreamRecord<>(IngestedRecord.point(SERIES, "cpu", MINUTE, 1.0), MINUTE));
            watermark(lenient, MINUTE);

            assertThat(lenient.getSideOutput(SeriesScorer.LATE)).isNullOrEmpty();
            assertThat(lenient.extractOutputValues()).hasSize(1);
        } finally {
            lenient.close();
        }
    }

    @Test
    void processingTimeFlushScoresWithoutWatermark() throws Exception {
        harness.setProcessingTime(0);
        point(MINUTE, 1.0);
        harness.setProcessingTime(10_000);

        assertThat(scored()).hasSize(1);
    }

    @Test
    void disabledSeriesIsNotScored() throws Exception {
        harness.processBroadcastElement(new SeriesSettings(SERIES, false, 5.0, 1), 0);
        point(MINUTE, 1.0);
        watermark(harness, MINUTE);

        assertThat(scored()).isEmpty();

        harness.processBroadcastElement(new SeriesSettings(SERIES, true, 5.0, 2), 0);
        point(2 * MINUTE, 1.0);
        watermark(harness, 2 * MINUTE);

        assertThat(scored()).extracting(p -> p.ts).containsExactly(2 * MINUTE);
    }

    @Test
    void removedSettingsRestoreDefaults() throws Exception {
        harness.processBroadcastElement(new SeriesSettings(SERIES, false, 5.0, 4), 0);
        harness.processBroadcastElement(SeriesSettings.removal(SERIES, 5), 0);
        point(MINUTE, 1.0);
        watermark(harness, MINUTE);

        assertThat(scored()).as("scored with the defaults after the deletion")
                .extracting(p -> p.ts).containsExactly(MINUTE);

        // A configuration created again starts from version 1 and applies.
        harness.processBroadcastElement(new SeriesSettings(SERIES, false, 5.0, 1), 0);
        point(2 * MINUTE, 1.0);
        watermark(harness, 2 * MINUTE);

        assertThat(scored()).extracting(p -> p.ts).containsExactly(MINUTE);
    }

    @Test
    void olderSettingsVersionIsIgnored() throws Exception {
        harness.processBroadcastElement(new SeriesSettings(SERIES, false, 5.0, 2), 0);
        harness.processBroadcastElement(new SeriesSettings(SERIES, true, 5.0, 1), 0);
        point(MINUTE, 1.0);
        watermark(harness, MINUTE);

        assertThat(scored()).isEmpty();
    }

    @Test
    void invalidSensitivityKeepsLastGoodSettings() throws Exception {
        harness.processBroadcastElement(new SeriesSettings(SERIES, false, 5.0, 1), 0);
        harness.processBroadcastElement(new SeriesSettings(SERIES, true, 42.0, 2), 0);
        point(MINUTE, 1.0);
        watermark(harness, MINUTE);

        assertThat(scored()).isEmpty();
    }

    @Test
    void scoredPointCarriesSeriesTagsAndBand() throws Exception {
        for (int i = 1; i <= 50; i++) {
            point(i * MINUTE, 10.0 + (i % 3));
        }
        watermark(harness, 50 * MINUTE);

        ScoredPoint last = scored().get(49);
        assertThat(last.series).isEqualTo(SERIES);
        assertThat(last.kpi).isEqualTo("cpu");
        assertThat(last.tags).containsEntry("host", "h1");
        assertThat(last.score).isBetween(0.0, 1.0);
        assertThat(last.lower).isLessThanOrEqualTo(last.upper);
        assertThat(last.modelVersion).isEqualTo("online");
    }

    @Test
    void stateSurvivesSnapshotAndRestore() throws Exception {
        for (int i = 1; i <= 300; i++) {
            point(i * MINUTE, Math.sin(i / 10.0) * 5 + 20);
        }
        watermark(harness, 300 * MINUTE);
        var snapshot = harness.snapshot(1, 1);
        List<ScoredPoint> continued = continueWith(harness);

        KeyedBroadcastOperatorTestHarness<String, IngestedRecord, SeriesSettings, ScoredPoint> restored =
                newHarness();
        restored.initializeState(snapshot);
        restored.open();
        try {
            assertThat(continueWith(restored)).isEqualTo(continued);
        } finally {
            restored.close();
        }
    }

    @Test
    void inOrderPointsShareTimers() throws Exception {
        harness.setProcessingTime(0);
        for (int i = 1; i <= 20; i++) {
            point(i * MINUTE, i);
        }

        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        watermark(harness, 10 * MINUTE);

        assertThat(scored()).extracting(p -> p.ts).hasSize(10).endsWith(10 * MINUTE);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(harness, 20 * MINUTE);

        assertThat(scored()).hasSize(20);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void earlierPointAfterScoringWaitsForItsTimer() throws Exception {
        point(5 * MINUTE, 5.0);
        point(3 * MINUTE, 3.0);
        watermark(harness, 4 * MINUTE);

        assertThat(scored()).extracting(p -> p.ts).containsExactly(3 * MINUTE);

        point(4 * MINUTE + 1, 4.0);
        point(6 * MINUTE, 6.0);
        watermark(harness, 5 * MINUTE);

        assertThat(scored()).extracting(p -> p.ts)
                .containsExactly(3 * MINUTE, 4 * MINUTE + 1, 5 * MINUTE);

        watermark(harness, 6 * MINUTE);

        assertThat(scored()).extracting(p -> p.value).containsExactly(3.0, 4.0, 5.0, 6.0);
        assertThat(harness.getSideOutput(SeriesScorer.LATE)).isNullOrEmpty();
    }

    @Test
    void duplicateTimestampKeepsLaterValue() throws Exception {
        point(MINUTE, 1.0);
        point(MINUTE, 7.0);
        watermark(harness, MINUTE);

        assertThat(scored()).extracting(p -> p.value).containsExactly(7.0);
    }

    @Test
    void latePointCarriesReason() throws Exception {
        point(2 * MINUTE, 2.0);
        watermark(harness, 2 * MINUTE);
        point(2 * MINUTE, 9.0);
        watermark(harness, 100 * MINUTE);
        point(10 * MINUTE, 1.0);

        List<IngestedRecord> late = harness.getSideOutput(SeriesScorer.LATE).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(late).hasSize(2);
        assertThat(late.get(0).error).isEqualTo(
                "older than the last scored point of its series at " + 2 * MINUTE);
        assertThat(late.get(1).error).isEqualTo(
                "more than " + LATENESS_MS + " ms behind the watermark " + 100 * MINUTE);
        assertThat(scored()).extracting(p -> p.value).containsExactly(2.0);
    }

    @Test
    void flushScoresPendingThenWatermarkContinues() throws Exception {
        harness.setProcessingTime(0);
        point(MINUTE, 1.0);
        point(2 * MINUTE, 2.0);
        harness.setProcessingTime(3_000);

        assertThat(scored()).hasSize(2);
        assertThat(harness.numProcessingTimeTimers()).isZero();

        point(3 * MINUTE, 3.0);

        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        watermark(harness, 3 * MINUTE);

        assertThat(scored()).extracting(p -> p.ts).containsExactly(MINUTE, 2 * MINUTE, 3 * MINUTE);
    }

    @Test
    void pendingPointsSurviveSnapshotAndRestore() throws Exception {
        point(MINUTE, 1.0);
        point(3 * MINUTE, 3.0);
        point(2 * MINUTE, 2.0);
        watermark(harness, MINUTE);
        var snapshot = harness.snapshot(1, 1);

        KeyedBroadcastOperatorTestHarness<String, IngestedRecord, SeriesSettings, ScoredPoint> restored =
                newHarness();
        restored.initializeState(snapshot);
        restored.open();
        try {
            restored.processElement(new StreamRecord<>(
                    IngestedRecord.point(SERIES, "cpu", MINUTE, 5.0), MINUTE));
            watermark(restored, 3 * MINUTE);

            assertThat(restored.getSideOutput(SeriesScorer.LATE)).hasSize(1);
            assertThat(restored.extractOutputValues()).extracting(p -> p.ts)
                    .containsExactly(2 * MINUTE, 3 * MINUTE);
        } finally {
            restored.close();
        }
    }

    @Test
    void seriesAreBufferedSeparately() throws Exception {
        harness.processElement(new StreamRecord<>(
                IngestedRecord.point("cpu{host=h2}", "cpu", 2 * MINUTE, 2.0), 2 * MINUTE));
        point(MINUTE, 1.0);
        point(3 * MINUTE, 3.0);
        watermark(harness, 2 * MINUTE);

        assertThat(scored()).extracting(p -> p.series + "@" + p.ts)
                .containsExactly(SERIES + "@" + MINUTE, "cpu{host=h2}@" + 2 * MINUTE);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    private static List<ScoredPoint> continueWith(
            KeyedBroadcastOperatorTestHarness<String, IngestedRecord, SeriesSettings, ScoredPoint> target)
            throws Exception {
        int before = target.extractOutputValues().size();
        for (int i = 301; i <= 320; i++) {
            long ts = i * MINUTE;
            double value = i == 310 ? 500 : Math.sin(i / 10.0) * 5 + 20;
            target.processElement(new StreamRecord<>(IngestedRecord.point(SERIES, "cpu", ts, value), ts));
        }
        watermark(target, 320 * MINUTE);
        List<ScoredPoint> all = target.extractOutputValues();
        return all.subList(before, all.size());
    }
}
