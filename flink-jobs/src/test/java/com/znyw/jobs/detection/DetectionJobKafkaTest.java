package com.znyw.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.znyw.core.model.KpiPoint;
import com.znyw.core.model.KpiPointCodec;
import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.ScoredPointCodec;
import com.znyw.core.tsdb.QuestDbScoreRepository;
import com.znyw.embedded.EmbeddedKafka;
import com.znyw.embedded.EmbeddedQuestDb;
import com.znyw.embedded.SharedServices;
import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.Detectors;
import com.znyw.ml.detect.StreamingDetector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production wiring of the detection job against a real Kafka broker and a real QuestDB.
 * It checks results in both sinks, dead letters and late points. A TaskManager failure in the
 * middle of the stream must neither lose nor duplicate results.
 */
class DetectionJobKafkaTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long MINUTE = 60_000;
    private static final long START = 1_710_000_000_000L;
    /** Points per series and phase; the point list interleaves the two series. */
    private static final int PHASE = 800;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String spiky = "it_latency_" + run;
    private final String calm = "it_count_" + run;
    private final String pointsTopic = "points-" + run;
    private final String anomaliesTopic = "anomalies-" + run;
    private final String deadLetterTopic = "dlq-" + run;

    @Test
    void survivesTaskManagerFailureExactlyOnce(@InjectMiniCluster MiniCluster cluster,
                                                @InjectClusterRESTAddress URI rest) throws Exception {
        EmbeddedKafka kafka = SharedServices.kafka();
        EmbeddedQuestDb questDb = SharedServices.questDb();
        kafka.createTopic(pointsTopic, 2);
        kafka.createTopics(anomaliesTopic, deadLetterTopic);
        new QuestDbScoreRepository(questDb.pgJdbcUrl(), EmbeddedQuestDb.PG_USER,
                EmbeddedQuestDb.PG_PASSWORD).createTableIfMissing();

        List<KpiPoint> points = points();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Configuration config = jobConfig(kafka, questDb);
        DetectionJob.configureCheckpointing(env, config);
        DetectionJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync("detection-kafka-test");
        JobID jobId = job.getJobID();

        try (KafkaProducer<String, String> producer = producer(kafka)) {
            // Phase 1 is scored and then covered by a checkpoint.
            send(producer, points.subList(0, 2 * PHASE));
            send(producer, List.of("{not json", "{\"kpi\":\"cpu\",\"ts\":1,\"value\":\"NaN\"}"));
            awaitRows(questDb, PHASE * 2L);
            awaitCheckpoint(cluster, jobId);
            // The sink commits its Kafka transaction when Flink reports the checkpoint complete,
            // which can trail the checkpoint on a loaded machine. The failure below is meant to
            // hit uncommitted, uncheckpointed work only, so wait for phase 1's commit first.
            // NOTE: whether a kill between checkpoint and commit loses that transaction with
            // flink-connector-kafka 3.4.0 is not settled; runs under heavy load lost it.
            int phaseOneAnomalies = expectedAnomalies(points.subList(0, 2 * PHASE)).size();
            readAll(kafka, anomaliesTopic, phaseOneAnomalies);

            // Phase 2 is scored but not checkpointed when the TaskManager dies, so it is replayed.
            send(producer, points.subList(2 * PHASE, 4 * PHASE));
            awaitRows(questDb, 4L * PHASE);
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            awaitRunning(cluster, jobId);

            // Phase 3, plus one point older than what its series already scored.
            send(producer, points.subList(4 * PHASE, points.size()));
            KpiPoint late = new KpiPoint(spiky, START + 5 * MINUTE, 1.0, Map.of("host", "a"));
            send(producer, List.of(new KpiPointCodec().format(late)));
            awaitRows(questDb, points.size());
            awaitCheckpoint(cluster, jobId);

            // Dead letters first: a late point explains a difference in anomalies below.
            List<String> deadLetters = readAll(kafka, deadLetterTopic, 3);
            assertThat(deadLetters).as("dead letters").hasSizeLessThanOrEqualTo(3);
            List<ScoredPoint> anomalies = readAnomalies(kafka);
            List<String> anomalyKeys = anomalies.stream().map(p -> p.series + "@" + p.ts).toList();
            assertThat(anomalyKeys).doesNotHaveDuplicates();
            assertThat(new HashSet<>(anomalyKeys)).isEqualTo(expectedAnomalies(points));
            assertThat(anomalyKeys).contains(spiky + "{host=a}@" + spikeTs(PHASE + 300),
                    spiky + "{host=a}@" + spikeTs(2 * PHASE + 300));

            // Stable row count: the replayed phase-2 rows were deduplicated, not appended.
            Thread.sleep(1_500);
            assertThat(countRows(questDb, "")).isEqualTo(points.size());
            assertThat(countRows(questDb, " AND anomaly = true")).isEqualTo(anomalies.size());

            assertThat(deadLetters).hasSize(3);
            assertThat(deadLetters).filteredOn(l -> l.contains("\"kind\":\"invalid\"")).hasSize(2);
            assertThat(deadLetters).filteredOn(l -> l.contains("\"kind\":\"late\"")).hasSize(1);
            assertThat(deadLetters).anySatisfy(l -> assertThat(l).contains("must be a number"));
            assertThat(latePointsMetric(rest, jobId)).isEqualTo(1);
        } finally {
            job.cancel().get();
        }
    }

    private static long spikeTs(int index) {
        return START + index * MINUTE;
    }

    /** Two series over three phases; the spiky one has a spike in phases 2 and 3. */
    private List<KpiPoint> points() {
        Random random = new Random(11);
        List<KpiPoint> points = new ArrayList<>();
        for (int i = 0; i < 3 * PHASE; i++) {
            long ts = START + i * MINUTE;
            double spike = (i == PHASE + 300 || i == 2 * PHASE + 300) ? 5_000 : 0;
            points.add(new KpiPoint(spiky, ts, 100 + random.nextGaussian() * 2 + spike,
                    Map.of("host", "a")));
            points.add(new KpiPoint(calm, ts, 20 + random.nextGaussian(), Map.of("host", "b")));
        }
        return points;
    }

    /** Runs the library's ensemble over each series in order: what the job must agree with. */
    private static Set<String> expectedAnomalies(List<KpiPoint> points) {
        Map<String, StreamingDetector> models = new java.util.HashMap<>();
        Set<String> expected = new HashSet<>();
        for (KpiPoint point : points) {
            String series = point.seriesKey().toString();
            StreamingDetector model = models.computeIfAbsent(series,
                    key -> Detectors.newEnsemble(DetectorConfig.defaults()));
            if (model.update(point.ts, point.value).anomaly()) {
                expected.add(series + "@" + point.ts);
            }
        }
        return expected;
    }

    private Configuration jobConfig(EmbeddedKafka kafka, EmbeddedQuestDb questDb) {
        Configuration config = new Configuration();
        config.set(DetectionOptions.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        config.set(DetectionOptions.POINTS_TOPIC, pointsTopic);
        config.set(DetectionOptions.ANOMALIES_TOPIC, anomaliesTopic);
        config.set(DetectionOptions.DEAD_LETTER_TOPIC, deadLetterTopic);
        config.set(DetectionOptions.CONSUMER_GROUP, "detection-" + run);
        config.set(DetectionOptions.TRANSACTIONAL_ID_PREFIX, "detection-" + run);
        config.set(DetectionOptions.STORE_URL, questDb.httpUrl());
        // The test triggers every checkpoint itself, so it controls exactly what each one covers.
        config.set(DetectionOptions.CHECKPOINT_INTERVAL, Duration.ofHours(1));
        // No partition may count as idle while the test waits between phases. Otherwise the
        // other partition alone moves the watermark on, and a busy machine that fetches one
        // partition late would see its points dropped as late, which this test does not study.
        config.set(DetectionOptions.SOURCE_IDLENESS, Duration.ofMinutes(30));
        return config;
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private void send(KafkaProducer<String, String> producer, List<?> records) throws Exception {
        KpiPointCodec codec = new KpiPointCodec();
        for (Object record : records) {
            if (record instanceof KpiPoint point) {
                producer.send(new ProducerRecord<>(pointsTopic, point.seriesKey().toString(),
                        codec.format(point)));
            } else {
                producer.send(new ProducerRecord<>(pointsTopic, "bad", (String) record));
            }
        }
        producer.flush();
    }

    private List<ScoredPoint> readAnomalies(EmbeddedKafka kafka) {
        ScoredPointCodec codec = new ScoredPointCodec();
        return readAll(kafka, anomaliesTopic, 2).stream().map(codec::parse).toList();
    }

    /** Reads a topic as a read-committed consumer until {@code minRecords} arrived and it is quiet. */
    private static List<String> readAll(EmbeddedKafka kafka, String topic, int minRecords) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(TIMEOUT);
            int quietPolls = 0;
            while (Instant.now().isBefore(deadline) && (values.size() < minRecords || quietPolls < 3)) {
                int before = values.size();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                quietPolls = values.size() == before ? quietPolls + 1 : 0;
            }
        }
        return values;
    }

    private void awaitRows(EmbeddedQuestDb questDb, long rows) throws Exception {
        await("kpi_score rows >= " + rows, () -> countRows(questDb, "") >= rows);
    }

    private long countRows(EmbeddedQuestDb questDb, String condition) {
        String sql = "SELECT count() FROM kpi_score WHERE kpi IN ('" + spiky + "', '" + calm + "')"
                + condition;
        try (Connection connection = DriverManager.getConnection(questDb.pgJdbcUrl(),
                EmbeddedQuestDb.PG_USER, EmbeddedQuestDb.PG_PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) {
                return 0;
            }
            throw new IllegalStateException(sql, e);
        }
    }

    private static void awaitCheckpoint(MiniCluster cluster, JobID jobId) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            try {
                cluster.triggerCheckpoint(jobId).get();
                return;
            } catch (Exception e) {
                // Right after a restart, tasks may still be deploying and the trigger is declined.
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void awaitRunning(MiniCluster cluster, JobID jobId) throws Exception {
        await("job running again", () -> {
            try {
                return cluster.getJobStatus(jobId).get() == JobStatus.RUNNING;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Sums the {@code latePoints} counter over all subtasks through the Flink REST API. */
    private static long latePointsMetric(URI rest, JobID jobId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String job = get(http, rest.resolve("/jobs/" + jobId));
        Matcher vertex = Pattern.compile("\"id\":\"([0-9a-f]{32})\",\"slotSharingGroupId\":\"[^\"]*\",\"name\":\"[^\"]*score")
                .matcher(job);
        if (!vertex.find()) {
            vertex = Pattern.compile("\"id\":\"([0-9a-f]{32})\",\"name\":\"[^\"]*score").matcher(job);
            assertThat(vertex.find()).as("scoring vertex in %s", job).isTrue();
        }
        String base = "/jobs/" + jobId + "/vertices/" + vertex.group(1) + "/subtasks/metrics";
        String names = get(http, rest.resolve(base));
        Matcher metric = Pattern.compile("\"id\":\"([^\"]*latePoints)\"").matcher(names);
        assertThat(metric.find()).as("latePoints metric in %s", names).isTrue();
        String value = get(http, rest.resolve(base + "?get=" + metric.group(1) + "&agg=sum"));
        Matcher sum = Pattern.compile("\"sum\":([0-9.]+)").matcher(value);
        assertThat(sum.find()).as("sum in %s", value).isTrue();
        return (long) Double.parseDouble(sum.group(1));
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
