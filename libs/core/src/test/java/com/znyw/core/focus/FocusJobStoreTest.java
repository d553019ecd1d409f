package com.znyw.core.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedServicesExtension;

/** Runs the store against mongo-java-server in its own JVM, one database per test. */
@ExtendWith(EmbeddedServicesExtension.class)
class FocusJobStoreTest {

    private static final Instant NOW = Instant.parse("2024-12-04T08:00:00Z");

    private MongoClient client;
    private MongoDatabase database;
    private FocusJobStore store;

    @BeforeEach
    void connect(EmbeddedMongo mongo) {
        client = MongoClients.create(mongo.connectionString());
        database = client.getDatabase("focus_" + UUID.randomUUID().toString().replace("-", ""));
        store = new FocusJobStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
        store.createIndexes();
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    @Test
    void lifecycleToSuccess() {
        store.insert(job("j1"));
        assertThat(store.markRunning("j1")).isTrue();
        assertThat(store.markRunning("j1")).isFalse();
        assertThat(store.updateProgress("j1", 0.5, "reading")).isTrue();

        FocusResult result = new FocusResult("cube", "fundamental", List.of("idc.name", "host"),
                10, 4, 120, 100, null, List.of(new FocusFinding(1, "idc.name=BJ",
                        Map.of("idc.name", "BJ"), 0.9, 1.0, 0.5, 2, 70, 50, null, null, null,
                        null)));
        assertThat(store.succeed("j1", result)).isTrue();

        FocusJob stored = store.find("j1").orElseThrow();
        assertThat(stored.status()).isEqualTo(FocusJobStatus.SUCCEEDED);
        assertThat(stored.progress()).isEqualTo(1.0);
        assertThat(stored.startedAt()).isEqualTo(NOW);
        assertThat(stored.finishedAt()).isEqualTo(NOW);
        // insert, markRunning, updateProgress and succeed; the rejected markRunning changed nothing.
        assertThat(stored.version()).isEqualTo(4);
        assertThat(stored.result()).isEqualTo(result);
        assertThat(stored.parameters()).containsEntry("layout", "cube");
    }

    @Test
    void failedJobNotOverwrittenBySuccess() {
        store.insert(job("j2"));
        store.markRunning("j2");
        FocusError error = new FocusError("focus.csv.number.invalid", List.of("7", "real", "x"), 7,
                "Line 7 ...");
        assertThat(store.fail("j2", error)).isTrue();
        assertThat(store.succeed("j2", new FocusResult("cube", "fundamental", List.of("a"), 0, 0,
                0, 0, null, List.of()))).isFalse();
        assertThat(store.fail("j2", FocusError.internal("later"))).isFalse();

        FocusJob stored = store.find("j2").orElseThrow();
        assertThat(stored.status()).isEqualTo(FocusJobStatus.FAILED);
        assertThat(stored.error()).isEqualTo(error);
        assertThat(stored.storedFile()).isEqualTo("/data/j2.csv");
    }

    @Test
    void listNewestFirstWithoutResult() {
        store.insert(job("old"));
        FocusJob newer = FocusJob.queued("new", "b.csv", "/data/new.csv", 10, Map.of(), "ops",
                NOW.plusSeconds(60));
        store.insert(newer);
        assertThat(store.listRecent(10)).extracting(FocusJob::id).containsExactly("new", "old");
        assertThat(store.listRecent(1)).hasSize(1);
    }

    @Test
    void deleteRemovesDocument() {
        store.insert(job("j3"));
        assertThat(store.delete("j3")).isTrue();
        assertThat(store.find("j3")).isEmpty();
        assertThat(store.delete("j3")).isFalse();
        assertThat(store.markRunning("j3")).isFalse();
    }

    private static FocusJob job(String id) {
        return FocusJob.queued(id, "upload.csv", "/data/" + id + ".csv", 1234,
                Map.of("layout", "cube"), "operator1", NOW);
    }
}
