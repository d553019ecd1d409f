package com.znyw.jobs.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.kpi.KpiConfigCodec;
import com.znyw.core.kpi.KpiConfigRepository;
import com.znyw.core.model.SeriesKey;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedServicesExtension;
import com.znyw.jobs.detection.SeriesSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the source on a MiniCluster against mongo-java-server and edits the registry live. */
@ExtendWith(EmbeddedServicesExtension.class)
class KpiConfigSourceTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private String connectionString;
    private MongoClient client;
    private MongoDatabase database;
    private KpiConfigRepository repository;

    @BeforeEach
    void setUp(EmbeddedMongo mongo) {
        connectionString = mongo.connectionString();
        client = MongoClients.create(connectionString);
        database = client.getDatabase("source_" + UUID.randomUUID().toString().substring(0, 8));
        repository = new KpiConfigRepository(database);
        repository.createIndexes();
    }

    @AfterEach
    void tearDown() {
        reader.shutdownNow();
        database.drop();
        client.close();
    }

    private static KpiConfig config(String host) {
        Instant now = Instant.now();
        return KpiConfig.withDefaults(SeriesKey.of("txn_latency_ms", Map.of("host", host)),
                10_000, now, now, now);
    }

    /** Runs the source on the local cluster and returns what it emits. */
    private CloseableIterator<SeriesSettings> startSource() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        KpiConfigSource source = new KpiConfigSource(connectionString, database.getName(),
                POLL_INTERVAL, Duration.ofSeconds(5));
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "kpi-configs")
                .executeAndCollect();
    }

    private SeriesSettings next(CloseableIterator<SeriesSettings> settings) throws Exception {
        return reader.submit(settings::next).get(10, TimeUnit.SECONDS);
    }

    @Test
    void emitsInitialAndChangedSettings() throws Exception {
        KpiConfig existing = config("app-01");
        repository.insertIfAbsent(existing);

        try (CloseableIterator<SeriesSettings> settings = startSource()) {

            assertThat(next(settings)).isEqualTo(
                    new SeriesSettings(existing.series(), true, 5.0, 1));

            long savedAt = System.nanoTime();
            repository.update(existing.withSensitivity(8).withEnabled(false));
            SeriesSettings changed = next(settings);
            long latencyMs = (System.nanoTime() - savedAt) / 1_000_000;
            assertThat(changed).isEqualTo(new SeriesSettings(existing.series(), false, 8.0, 2));
            // One poll interval plus scheduling slack on a loaded 2-core machine.
            assertThat(latencyMs).isLessThan(POLL_INTERVAL.toMillis() + 1_500);

            // An invalid edit of a known series and an invalid new document are both rejected.
            database.getCollection(KpiConfigRepository.COLLECTION).updateOne(
                    Filters.eq("series", existing.series()),
                    Updates.combine(Updates.set("sensitivity", "high"), Updates.inc("version", 1L),
                            Updates.set("updatedAt", new Date())));
            Document bad = KpiConfigCodec.toDocument(config("app-02"));
            bad.put("detector", new Document("type", "arima"));
            database.getCollection(KpiConfigRepository.COLLECTION).insertOne(bad);
            // Two polls pass, so the reader has certainly seen both invalid documents.
            Thread.sleep(POLL_INTERVAL.toMillis() * 2);

            KpiConfig third = config("app-03");
            repository.insertIfAbsent(third);
            assertThat(next(settings)).as("the job keeps running after invalid documents")
                    .isEqualTo(new SeriesSettings(third.series(), true, 5.0, 1));

            KpiConfig retired = repository.retire(third.series(), 1);
            assertThat(next(settings)).as("a retired series is disabled")
                    .isEqualTo(new SeriesSettings(third.series(), false, 5.0, retired.version()));
        }
    }

    @Test
    void emitsRemovalOfDeletedConfig() throws Exception {
        KpiConfig existing = config("app-01");
        repository.insertIfAbsent(existing);
        KpiConfig updated = repository.update(existing.withSensitivity(8));

        try (CloseableIterator<SeriesSettings> settings = startSource()) {
            assertThat(next(settings)).isEqualTo(
                    new SeriesSettings(existing.series(), true, 8.0, updated.version()));

            repository.delete(existing.series(), updated.version());
            assertThat(next(settings)).as("the deletion")
                    .isEqualTo(SeriesSettings.removal(existing.series(), updated.version() + 1));

            // Created again, the configuration starts from version 1 and is still emitted. The
            // lookback of 5 s reads the deletion again at every poll, which must not remove it.
            Thread.sleep(5);
            repository.insertIfAbsent(config("app-01").withSensitivity(3));
            assertThat(next(settings)).as("the configuration created again")
                    .isEqualTo(new SeriesSettings(existing.series(), true, 3.0, 1));
            KpiConfig other = config("app-02");
            Thread.sleep(POLL_INTERVAL.toMillis() * 2);
            repository.insertIfAbsent(other);
            assertThat(next(settings)).as("nothing between the re-creation and the next change")
                    .isEqualTo(new SeriesSettings(other.series(), true, 5.0, 1));
        }
    }

    @Test
    void rejectsBadPollInterval() {
        assertThatThrownBy(() -> new KpiConfigSource("mongodb://127.0.0.1:1", "znyw",
                Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("invalid poll interval PT0S");
        assertThatThrownBy(() -> new KpiConfigSource("mongodb://127.0.0.1:1", "znyw",
                Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .hasMessageContaining("invalid lookback PT-1S");
    }
}
