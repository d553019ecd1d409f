package com.znyw.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.znyw.core.model.SeriesKey;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedServicesExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs the repository against mongo-java-server in its own JVM, one database per test. */
@ExtendWith(EmbeddedServicesExtension.class)
class KpiConfigRepositoryTest {

    private static final Instant NOW = Instant.parse("2024-12-04T08:00:00Z");

    private MongoClient client;
    private MongoDatabase database;
    private KpiConfigRepository repository;

    @BeforeEach
    void connect(EmbeddedMongo mongo) {
        client = MongoClients.create(mongo.connectionString());
        database = client.getDatabase("kpi_repo_" + UUID.randomUUID().toString().replace("-", ""));
        repository = new KpiConfigRepository(database, Clock.fixed(NOW, ZoneOffset.UTC));
        repository.createIndexes();
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    private static KpiConfig config(String kpi, String host, String idc) {
        return KpiConfig.withDefaults(SeriesKey.of(kpi, Map.of("host", host, "idc", idc)), 60_000,
                NOW.minusSeconds(600), NOW, NOW);
    }

    @Test
    void insertIfAbsentInsertsOnce() {
        KpiConfig config = config("txn_latency_ms", "app-07", "BJ");

        assertThat(repository.insertIfAbsent(config)).isTrue();
        assertThat(repository.insertIfAbsent(config.withOwner("someone-else"))).isFalse();

        KpiConfig stored = repository.find(config.series()).orElseThrow();
        assertThat(stored).isEqualTo(config);
        assertThat(database.getCollection(KpiConfigRepository.COLLECTION).countDocuments())
                .isEqualTo(1);
    }

    @Test
    void insertRejectsInvalidConfig() {
        KpiConfig invalid = config("txn_latency_ms", "app-07", "BJ").withSensitivity(11);

        assertThatThrownBy(() -> repository.insertIfAbsent(invalid))
                .isInstanceOf(InvalidKpiConfigException.class)
                .hasMessageContaining("sensitivity '11.0'");
        assertThat(repository.find(invalid.series())).isEmpty();
    }

    @Test
    void uniqueIndexRejectsSecondDocument() {
        KpiConfig config = config("txn_latency_ms", "app-07", "BJ");
        repository.insertIfAbsent(config);

        Document copy = KpiConfigCodec.toDocument(config);
        assertThatThrownBy(() -> database.getCollection(KpiConfigRepository.COLLECTION)
                .insertOne(copy))
                .hasMessageContaining("duplicate key");
    }

    @Test
    void listFiltersSortsAndPages() {
        for (int i = 0; i < 12; i++) {
            String host = String.format("app-%02d", i);
            repository.insertIfAbsent(config("txn_latency_ms", host, i % 2 == 0 ? "BJ" : "SH"));
            repository.insertIfAbsent(config("txn_count", host, "BJ"));
        }

        KpiConfigQuery latencyInBeijing = KpiConfigQuery.all().withKpi("txn_latency_ms")
                .withTag("idc=BJ");
        assertThat(repository.count(latencyInBeijing)).isEqualTo(6);

        List<KpiConfig> secondPage = repository.list(latencyInBeijing.withPage(4, 4));
        assertThat(secondPage).extracting(KpiConfig::series).containsExactly(
                "txn_latency_ms{host=app-08,idc=BJ}", "txn_latency_ms{host=app-10,idc=BJ}");

        List<KpiConfig> descending = repository.list(KpiConfigQuery.all()
                .withSort(KpiConfigQuery.SortField.SERIES, true).withPage(0, 1));
        assertThat(descending).extracting(KpiConfig::series)
                .containsExactly("txn_latency_ms{host=app-11,idc=SH}");

        assertThat(repository.count(KpiConfigQuery.all().withSeriesContains("APP-03")))
                .isEqualTo(2);
        assertThat(repository.count(KpiConfigQuery.all().withSeriesContains("app-0.")))
                .as("the text filter is literal, not a regular expression")
                .isZero();
        assertThat(repository.count(KpiConfigQuery.all().withState(KpiState.SILENT))).isZero();
        assertThat(repository.count(KpiConfigQuery.all().withEnabled(true))).isEqualTo(24);
    }

    @Test
    void queryRejectsBadPaging() {
        assertThatThrownBy(() -> KpiConfigQuery.all().withPage(-1, 10))
                .hasMessageContaining("invalid offset -1");
        assertThatThrownBy(() -> KpiConfigQuery.all().withPage(0, 5000))
                .hasMessageContaining("invalid limit 5000");
        assertThatThrownBy(() -> KpiConfigQuery.all().withTag("BJ"))
                .hasMessageContaining("invalid tag filter 'BJ'");
    }

    @Test
    void updateIncrementsVersionAndChecksIt() {
        KpiConfig config = config("txn_latency_ms", "app-07", "BJ");
        repository.insertIfAbsent(config);

        KpiConfig saved = repository.update(config.withSensitivity(8).withOwner("ops")
                .withEnabled(false));
        assertThat(saved.version()).isEqualTo(2);
        assertThat(saved.sensitivity()).isEqualTo(8);
        assertThat(saved.owner()).isEqualTo("ops");
        assertThat(saved.enabled()).isFalse();

        assertThatThrownBy(() -> repository.update(config.withSensitivity(2)))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.currentVersion()).isEqualTo(2);
                })
                .hasMessageContaining("reload");
        assertThat(repository.find(config.series()).orElseThrow().sensitivity()).isEqualTo(8);
    }

    @Test
    void updateOfMissingSeriesFails() {
        KpiConfig config = config("txn_latency_ms", "app-07", "BJ");

        assertThatThrownBy(() -> repository.update(config))
                .isInstanceOf(KpiConfigNotFoundException.class)
                .hasMessageContaining("txn_latency_ms{host=app-07,idc=BJ}");
    }

    @Test
    void updateRejectsInvalidValue() {
        KpiConfig config = config("txn_latency_ms", "app-07", "BJ");
        repository.insertIfAbsent(config);

        assertThatThrownBy(() -> repository.update(config.withSensitivity(-1)))
                .isInstanceOf(InvalidKpiConfigException.class)
                .hasMessageContaining("sensitivity '-1.0'");
        assertThat(repository.find(config.series()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void deleteChecksVersion() {
        KpiConfig config = config("txn_latency_ms", "app-07", "BJ");
        repository.insertIfAbsent(config);

        assertThatThrownBy(() -> repository.delete(config.series(), 5))
                .isInstanceOf(VersionConflictException.class);
        repository.delete(config.series(), 1);
        assertThat(repository.find(config.series())).isEmpty();
        assertThatThrownBy(() -> repository.delete(config.series(), 1))
                .isInstanceOf(KpiConfigNotFoundException.class);
    }

    @Test
    void observationsRegisterOnceAndWidenSeen() {
        String series = "txn_count{host=app-01}";
        List<SeriesObservation> window = List.of(new SeriesObservation(series,
                NOW.toEpochMilli() - 50_000, NOW.toEpochMilli() - 10_000, 10_000));

        ObservationResult first = repository.recordObservations(window);
        ObservationResult replay = repository.recordObservations(window);
        ObservationResult older = repository.recordObservations(List.of(new SeriesObservation(
                series, NOW.toEpochMilli() - 90_000, NOW.toEpochMilli() - 80_000, 5_000)));

        assertThat(first.registered()).containsExactly(series);
        assertThat(replay.registered()).isEmpty();
        assertThat(older.registered()).isEmpty();
        KpiConfig stored = repository.find(series).orElseThrow();
        assertThat(stored.expectedIntervalMs()).isEqualTo(10_000);
        assertThat(stored.firstSeen()).isEqualTo(NOW.minusSeconds(90));
        assertThat(stored.lastSeen()).isEqualTo(NOW.minusSeconds(10));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.state()).isEqualTo(KpiState.ACTIVE);
    }

    @Test
    void observationsKeepOperatorSettings() {
        KpiConfig config = config("txn_latency_ms", "app-07", "BJ");
        repository.insertIfAbsent(config);
        repository.update(config.withExpectedIntervalMs(5_000).withOwner("ops"));

        repository.recordObservations(List.of(new SeriesObservation(config.series(),
                NOW.toEpochMilli(), NOW.toEpochMilli() + 1000, 60_000)));

        KpiConfig stored = repository.find(config.series()).orElseThrow();
        assertThat(stored.expectedIntervalMs()).isEqualTo(5_000);
        assertThat(stored.owner()).isEqualTo("ops");
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.lastSeen()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void overdueSeriesGoSilentThenResume() {
        long t = NOW.toEpochMilli();
        repository.recordObservations(List.of(
                new SeriesObservation("a", t - 60_000, t - 40_000, 10_000),
                new SeriesObservation("b", t - 60_000, t - 5_000, 10_000)));

        List<KpiConfig> silenced = repository.markOverdueSilent(NOW, 3);
        List<KpiConfig> again = repository.markOverdueSilent(NOW, 3);

        assertThat(silenced).extracting(KpiConfig::series).containsExactly("a");
        assertThat(silenced.get(0).state()).isEqualTo(KpiState.SILENT);
        assertThat(again).isEmpty();
        assertThat(repository.find("b").orElseThrow().state()).isEqualTo(KpiState.ACTIVE);

        ObservationResult replayOfOldPoint = repository.recordObservations(List.of(
                new SeriesObservation("a", t - 45_000, t - 40_000, 10_000)));
        assertThat(replayOfOldPoint.resumed()).as("a replayed old point is no sign of life")
                .isEmpty();

        ObservationResult newPoint = repository.recordObservations(List.of(
                new SeriesObservation("a", t + 1_000, t + 2_000, 10_000)));
        assertThat(newPoint.resumed()).extracting(KpiConfig::series).containsExactly("a");
        assertThat(repository.find("a").orElseThrow().state()).isEqualTo(KpiState.ACTIVE);
        assertThat(repository.find("a").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void retiredSeriesNeverGoSilent() {
        long t = NOW.toEpochMilli();
        repository.recordObservations(List.of(
                new SeriesObservation("a", t - 600_000, t - 500_000, 10_000)));
        KpiConfig retired = repository.retire("a", 1);

        assertThat(retired.state()).isEqualTo(KpiState.RETIRED);
        assertThat(retired.version()).isEqualTo(2);
        assertThat(repository.markOverdueSilent(NOW, 3)).isEmpty();
        assertThat(repository.recordObservations(List.of(
                new SeriesObservation("a", t, t, 10_000))).resumed()).isEmpty();
        assertThat(repository.find("a").orElseThrow().state()).isEqualTo(KpiState.RETIRED);

        KpiConfig reactivated = repository.reactivate("a", 2);
        assertThat(reactivated.state()).isEqualTo(KpiState.ACTIVE);
    }

    @Test
    void markOverdueRejectsZeroIntervals() {
        assertThatThrownBy(() -> repository.markOverdueSilent(NOW, 0))
                .hasMessageContaining("invalid missedIntervals 0");
    }

    @Test
    void readChangedSinceReportsInvalidDocuments() {
        KpiConfig good = config("txn_latency_ms", "app-07", "BJ");
        repository.insertIfAbsent(good);
        Document bad = KpiConfigCodec.toDocument(config("txn_latency_ms", "app-08", "BJ"));
        bad.put("sensitivity", 42.0);
        database.getCollection(KpiConfigRepository.COLLECTION).insertOne(bad);

        List<KpiConfigRead> reads = new ArrayList<>();
        repository.readChangedSince(NOW.minusSeconds(1), reads::add);
        List<KpiConfigRead> none = new ArrayList<>();
        repository.readChangedSince(NOW.plusSeconds(1), none::add);

        assertThat(reads).hasSize(2);
        assertThat(reads).filteredOn(KpiConfigRead::valid).extracting(r -> r.config().series())
                .containsExactly(good.series());
        KpiConfigRead rejected = reads.stream().filter(r -> !r.valid()).findFirst().orElseThrow();
        assertThat(rejected.series()).isEqualTo("txn_latency_ms{host=app-08,idc=BJ}");
        assertThat(rejected.error().field()).isEqualTo("sensitivity");
        assertThat(rejected.error().value()).isEqualTo(42.0);
        assertThat(none).isEmpty();
    }

    @Test
    void readChangedSinceReportsDeletionsInTimeOrder() {
        KpiConfig deletedOne = config("txn_latency_ms", "app-07", "BJ");
        KpiConfig otherSeries = config("txn_latency_ms", "app-08", "BJ");
        repository.insertIfAbsent(deletedOne);
        repository.insertIfAbsent(otherSeries);
        KpiConfigRepository later = new KpiConfigRepository(database,
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        KpiConfig updated = later.update(repository.find(deletedOne.series()).orElseThrow()
                .withSensitivity(8));
        KpiConfigRepository deleting = new KpiConfigRepository(database,
                Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC));
        deleting.delete(deletedOne.series(), updated.version());
        KpiConfigRepository recreating = new KpiConfigRepository(database,
                Clock.fixed(NOW.plusSeconds(180), ZoneOffset.UTC));
        recreating.insertIfAbsent(deletedOne);

        List<KpiConfigRead> reads = new ArrayList<>();
        repository.readChangedSince(NOW.minusSeconds(1), reads::add);
        List<KpiConfigRead> sinceDeletion = new ArrayList<>();
        repository.readChangedSince(NOW.plusSeconds(120), sinceDeletion::add);

        assertThat(reads).extracting(KpiConfigRead::series).containsExactly(otherSeries.series(),
                deletedOne.series(), deletedOne.series());
        KpiConfigRead deletion = reads.get(1);
        assertThat(deletion.deleted()).isTrue();
        assertThat(deletion.valid()).isTrue();
        assertThat(deletion.config()).isNull();
        assertThat(deletion.deletedVersion()).isEqualTo(updated.version() + 1);
        assertThat(deletion.updatedAt()).isEqualTo(NOW.plusSeconds(120));
        KpiConfigRead recreated = reads.get(2);
        assertThat(recreated.deleted()).isFalse();
        assertThat(recreated.config().version()).isEqualTo(1);
        assertThat(sinceDeletion).extracting(KpiConfigRead::deleted).containsExactly(true, false);
    }
}
