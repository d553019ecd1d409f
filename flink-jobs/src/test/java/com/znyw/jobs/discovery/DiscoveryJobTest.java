package com.znyw.jobs.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.kpi.KpiConfigQuery;
import com.znyw.core.kpi.KpiConfigRepository;
import com.znyw.core.kpi.KpiState;
import com.znyw.embedded.EmbeddedKafka;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedServicesExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the whole discovery job on a MiniCluster, reading points from and writing events to a
 * real Kafka broker and the registry in mongo-java-server, each in its own JVM.
 */
@ExtendWith(EmbeddedServicesExtension.class)
class DiscoveryJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long T0 = 1_733_300_000_000L - 1_733_300_000_000L % 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private EmbeddedKafka kafka;
    private MongoClient client;
    private MongoDatabase database;
    private KpiConfigRepository repository;
    private Configuration config;

    @BeforeEach
    void setUp(EmbeddedKafka kafka, EmbeddedMongo mongo) {
        this.kafka = kafka;
        kafka.createTopics("points-" + runId, "events-" + runId);
        client = MongoClients.create(mongo.connectionString());
        database = client.getDatabase("discovery_" + runId);
        repository = new KpiConfigRepository(database);

        config = new Configuration();
        config.set(DiscoveryOptions.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        config.set(DiscoveryOptions.POINTS_TOPIC, "points-" + runId);
        config.set(DiscoveryOptions.EVENTS_TOPIC, "events-" + runId);
        config.set(DiscoveryOptions.MONGO_URI, mongo.connectionString());
        config.set(DiscoveryOptions.MONGO_DATABASE, "discovery_" + runId);
        config.set(DiscoveryOptions.WINDOW_SIZE, Duration.ofMinutes(1));
        config.set(DiscoveryOptions.MAX_OUT_OF_ORDERNESS, Duration.ofSeconds(5));
        config.set(DiscoveryOptions.MISSED_INTERVALS, 3);
    }

    @AfterEach
    void tearDown() {
        database.drop();
        client.close();
    }

    @Test
    void registersSilencesAndResumesAcrossRestart() throws Exception {
        List<String> records = new ArrayList<>();
        // "steady" reports every 10 s for 6 minutes; "flaky" reports for the first minute,
        // stops for three minutes and returns in minute 5.
        for (long ts = T0; ts < T0 + 360_000; ts += 10_000) {
            records.add(point("txn_count", "app-01", ts, 100 + (ts - T0) / 10_000.0));
            boolean flakyUp = ts < T0 + 60_000 || ts >= T0 + 240_000;
            if (flakyUp) {
                records.add(point("txn_count", "app-02", ts, 50));
            }
        }
        records.add("{\"kpi\": \"bad kpi name\", \"ts\": 1, \"value\": 1}");
        records.add("not json");
        produce(records);

        runJob("first-run");

        List<JsonNode> events = consumeEvents();
        assertThat(events).extracting(e -> e.get("type").asText() + " " + e.get("series").asText())
                .containsExactly(
                        "series-silent txn_count{host=app-02}",
                        "series-resumed txn_count{host=app-02}");
        JsonNode silent = events.get(0);
        assertThat(silent.get("ts").asLong()).as("decided when minute 2 closed")
                .isEqualTo(T0 + 120_000);
        assertThat(silent.get("lastSeen").asLong()).isEqualTo(T0 + 50_000);
        assertThat(silent.get("expectedIntervalMs").asLong()).isEqualTo(10_000);
        assertThat(events.get(1).get("ts").asLong()).isEqualTo(T0 + 300_000);

        assertThat(repository.count(KpiConfigQuery.all())).isEqualTo(2);
        KpiConfig steady = repository.find("txn_count{host=app-01}").orElseThrow();
        assertThat(steady.expectedIntervalMs()).isEqualTo(10_000);
        assertThat(steady.firstSeen().toEpochMilli()).isEqualTo(T0);
        assertThat(steady.lastSeen().toEpochMilli()).isEqualTo(T0 + 350_000);
        assertThat(steady.state()).isEqualTo(KpiState.ACTIVE);
        assertThat(repository.find("txn_count{host=app-02}").orElseThrow().state())
                .isEqualTo(KpiState.ACTIVE);

        // A restart without a checkpoint under a new consumer group replays every point.
        config.set(DiscoveryOptions.CONSUMER_GROUP, "replay-" + runId);
        runJob("replay");

        assertThat(repository.count(KpiConfigQuery.all())).isEqualTo(2);
        assertThat(repository.find("txn_count{host=app-01}").orElseThrow().version())
                .isEqualTo(1);
        assertThat(consumeEvents()).as("a replay repeats no state change").hasSize(2);
    }

    @Test
    void newSeriesSeenInLaterRunIsRegistered() throws Exception {
        produce(List.of(point("cpu_util", "db-01", T0, 0.5),
                point("cpu_util", "db-01", T0 + 30_000, 0.6)));
        runJob("run-1");
        // db-02 reports once in each of two windows; db-03 sends a single point.
        produce(List.of(point("cpu_util", "db-02", T0 + 60_000, 0.5),
                point("cpu_util", "db-03", T0 + 70_000, 0.5),
                point("cpu_util", "db-02", T0 + 150_000, 0.5)));
        runJob("run-2");

        assertThat(repository.list(KpiConfigQuery.all())).extracting(KpiConfig::series)
                .as("a series with one point has no interval yet and is not registered")
                .containsExactly("cpu_util{host=db-01}", "cpu_util{host=db-02}");
        assertThat(repository.find("cpu_util{host=db-01}").orElseThrow().expectedIntervalMs())
                .isEqualTo(30_000);
        KpiConfig acrossWindows = repository.find("cpu_util{host=db-02}").orElseThrow();
        assertThat(acrossWindows.expectedIntervalMs())
                .as("the gap between points in two windows").isEqualTo(90_000);
        assertThat(acrossWindows.firstSeen().toEpochMilli()).isEqualTo(T0 + 60_000);
        assertThat(acrossWindows.lastSeen().toEpochMilli()).isEqualTo(T0 + 150_000);
    }

    @Test
    void seriesSlowerThanTheWindowIsNeverSilent() throws Exception {
        // One point every 3 minutes with 1-minute windows and 3 missed intervals: with the
        // default 1-minute interval the series would go SILENT and resume between every two
        // points. A steady series moves the watermark on between the sparse points. Its last
        // point closes the last window, so the end of the input silences neither series.
        // The records go to the topic in timestamp order. A sparse point far ahead of the steady
        // ones would move the watermark past them whenever a periodic watermark fell between
        // the two. On a busy machine that made the steady points late.
        List<String> records = new ArrayList<>();
        for (long ts = T0; ts < T0 + 1_800_000; ts += 10_000) {
            if ((ts - T0) % 180_000 == 0) {
                records.add(point("batch_jobs", "etl-01", ts, 3));
            }
            records.add(point("txn_count", "app-01", ts, 100));
        }
        produce(records);

        runJob("sparse");

        assertThat(repository.find("batch_jobs{host=etl-01}").orElseThrow().expectedIntervalMs())
                .isEqualTo(180_000);
        assertThat(consumeEvents()).as("no silent or resumed event").isEmpty();
    }

    private void runJob(String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new DiscoveryJob(DiscoveryJob.kafkaSource(config, true),
                DiscoveryJob.kafkaEventsSink(config), null, config).execute(env);
    }

    private static String point(String kpi, String host, long ts, double value) throws Exception {
        return JSON.writeValueAsString(Map.of("kpi", kpi, "ts", ts, "value", value,
                "tags", Map.of("host", host)));
    }

    private void produce(List<String> records) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties,
                new StringSerializer(), new StringSerializer())) {
            for (String record : records) {
                producer.send(new ProducerRecord<>("points-" + runId, record));
            }
            producer.flush();
        }
    }

    private List<JsonNode> consumeEvents() throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("group.id", "check-" + UUID.randomUUID());
        properties.put("auto.offset.reset", "earliest");
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties,
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("events-" + runId));
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record
                        : consumer.poll(Duration.ofMillis(200))) {
                    events.add(JSON.readTree(record.value()));
                }
            }
        }
        return events;
    }
}
