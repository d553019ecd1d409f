package com.znyw.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.znyw.core.model.KpiPoint;
import com.znyw.core.model.KpiPointCodec;
import com.znyw.core.model.ScoredPoint;
import com.znyw.jobs.testing.CollectingSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The detection job with a live settings source: a disabled series produces nothing. */
class DetectionJobSettingsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void disabledSeriesIsNotScored() throws Exception {
        ArrayList<String> lines = new ArrayList<>();
        KpiPointCodec codec = new KpiPointCodec();
        for (int i = 0; i < 200; i++) {
            long ts = 1_700_000_000_000L + i * 60_000L;
            lines.add(codec.format(new KpiPoint("on", ts, i % 7, Map.of("host", "a"))));
            lines.add(codec.format(new KpiPoint("off", ts, i % 7, Map.of("host", "a"))));
        }
        GeneratorFunction<Long, IngestedRecord> points = index -> IngestedRecord.parse(lines.get(index.intValue()));
        // The settings source finishes at once; the points source waits for it to be applied by
        // starting only after a short delay per record.
        GeneratorFunction<Long, SeriesSettings> settings =
                index -> new SeriesSettings("off{host=a}", false, 5.0, 1);

        CollectingSink<ScoredPoint> scores = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new DetectionJob(
                new DataGeneratorSource<>(new DelayedGenerator(points), lines.size(), FlinkTypes.INGESTED_RECORD),
                new DataGeneratorSource<>(settings, 1, FlinkTypes.SERIES_SETTINGS),
                scores, new CollectingSink<>(), new CollectingSink<>(), new Configuration())
                .run(env, "detection-settings-test");

        List<String> scoredSeries = scores.elements().stream().map(p -> p.series).distinct().toList();
        assertThat(scoredSeries).containsExactly("on{host=a}");
        assertThat(scores.elements()).hasSize(200);
    }

    /** Delays the first record, so the broadcast settings reach the operator before any point. */
    private record DelayedGenerator(GeneratorFunction<Long, IngestedRecord> inner)
            implements GeneratorFunction<Long, IngestedRecord> {

        @Override
        public IngestedRecord map(Long index) throws Exception {
            if (index == 0) {
                Thread.sleep(2_000);
            }
            return inner.map(index);
        }
    }
}
