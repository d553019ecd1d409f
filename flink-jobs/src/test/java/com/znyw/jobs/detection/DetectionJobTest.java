package com.znyw.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.znyw.core.model.KpiPoint;
import com.znyw.core.model.KpiPointCodec;
import com.znyw.core.model.ScoredPoint;
import com.znyw.jobs.testing.CollectingSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole detection topology on a MiniCluster, with a bounded source and collecting sinks. */
class DetectionJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long MINUTE = 60_000;
    private static final long START = 1_700_000_000_000L;
    private static final int POINTS = 1_500;
    private static final int SPIKE_INDEX = 1_200;

    private static CollectingSink<ScoredPoint> scores;
    private static CollectingSink<ScoredPoint> anomalies;
    private static CollectingSink<String> deadLetters;

    @BeforeAll
    static void runJob() throws Exception {
        List<String> records = new ArrayList<>();
        KpiPointCodec codec = new KpiPointCodec();
        Random random = new Random(7);
        for (int i = 0; i < POINTS; i++) {
            long ts = START + i * MINUTE;
            double daily = 50 + 10 * Math.sin(2 * Math.PI * i / 1440.0);
            double spike = i == SPIKE_INDEX ? 400 : 0;
            records.add(codec.format(new KpiPoint("txn_latency_ms", ts,
                    daily + random.nextGaussian() + spike, Map.of("host", "app-07", "idc", "BJ"))));
            records.add(codec.format(new KpiPoint("txn_count", ts, 1000 + random.nextGaussian() * 5,
                    Map.of("host", "app-07"))));
            if (i == 100) {
                records.add("{not json");
                records.add("{\"kpi\":\"bad name!\",\"ts\":1,\"value\":1}");
                records.add("{\"kpi\":\"cpu\",\"ts\":1}");
            }
        }

        scores = new CollectingSink<>();
        anomalies = new CollectingSink<>();
        deadLetters = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new DetectionJob(source(records), null, scores, anomalies, deadLetters, new Configuration())
                .run(env, "detection-job-test");
    }

    private static DataGeneratorSource<IngestedRecord> source(List<String> records) {
        ArrayList<String> lines = new ArrayList<>(records);
        GeneratorFunction<Long, IngestedRecord> generator =
                index -> IngestedRecord.parse(lines.get(index.intValue()));
        return new DataGeneratorSource<>(generator, lines.size(), FlinkTypes.INGESTED_RECORD);
    }

    @Test
    void everyValidPointIsScoredOnce() {
        assertThat(scores.elements()).hasSize(2 * POINTS);
        assertThat(scores.elements().stream().map(p -> p.series + "@" + p.ts).distinct().count())
                .isEqualTo(2L * POINTS);
    }

    @Test
    void spikeIsReportedAsAnomaly() {
        long spikeTs = START + SPIKE_INDEX * MINUTE;

        assertThat(anomalies.elements())
                .anySatisfy(p -> {
                    assertThat(p.series).isEqualTo("txn_latency_ms{host=app-07,idc=BJ}");
                    assertThat(p.ts).isEqualTo(spikeTs);
                    assertThat(p.score).isGreaterThan(0.5);
                    assertThat(p.value).isGreaterThan(p.upper);
                });
    }

    @Test
    void anomaliesAreRareOnNormalData() {
        assertThat(anomalies.elements()).allSatisfy(p -> assertThat(p.anomaly).isTrue());
        assertThat(anomalies.elements()).hasSizeLessThan(20);
    }

    @Test
    void invalidRecordsGoToDeadLetters() {
        List<String> letters = deadLetters.elements();

        assertThat(letters).hasSize(3);
        assertThat(letters).anySatisfy(l -> assertThat(l).contains("invalid JSON").contains("{not json"));
        assertThat(letters).anySatisfy(l -> assertThat(l).contains("invalid kpi 'bad name!'"));
        assertThat(letters).anySatisfy(l -> assertThat(l).contains("missing field 'value'"));
        assertThat(letters).allSatisfy(l -> assertThat(l).contains("\"kind\":\"invalid\""));
    }
}
