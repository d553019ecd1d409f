package com.znyw.embedded.questdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration the embedded QuestDB starts with. */
class QuestDbServerMainTest {

    @Test
    void listenersBindToLoopback() {
        Map<String, String> env = QuestDbServerMain.environment(9000, 8812, 9009);

        assertThat(env).containsEntry("QDB_HTTP_NET_BIND_TO", "127.0.0.1:9000");
        assertThat(env).containsEntry("QDB_PG_NET_BIND_TO", "127.0.0.1:8812");
        assertThat(env).containsEntry("QDB_LINE_TCP_NET_BIND_TO", "127.0.0.1:9009");
        assertThat(env).containsEntry("QDB_TELEMETRY_ENABLED", "false");
    }

    @Test
    void workersAreFewAndSleepEarly() {
        Map<String, String> env = QuestDbServerMain.environment(9000, 8812, 9009);

        assertThat(env).containsEntry("QDB_SHARED_NETWORK_WORKER_COUNT", "1");
        assertThat(env).containsEntry("QDB_SHARED_QUERY_WORKER_COUNT", "1");
        assertThat(env).containsEntry("QDB_SHARED_WRITE_WORKER_COUNT", "1");
        assertThat(env).containsEntry("QDB_WAL_APPLY_WORKER_COUNT", "1");
        assertThat(env).containsEntry("QDB_SHARED_WORKER_SLEEP_THRESHOLD", "50");
        assertThat(env).containsEntry("QDB_WAL_APPLY_WORKER_SLEEP_THRESHOLD", "50");
        assertThat(env).containsEntry("QDB_SHARED_WORKER_SLEEP_TIMEOUT", "1");
        assertThat(env).containsEntry("QDB_WAL_APPLY_WORKER_NAP_THRESHOLD", "20");
    }

    @Test
    void partitionSplitThresholdIsFourMebibytes() {
        Map<String, String> env = QuestDbServerMain.environment(9000, 8812, 9009);

        assertThat(env).containsEntry("QDB_CAIRO_O3_PARTITION_SPLIT_MIN_SIZE", "4194304");
    }

    @Test
    void environmentOverridesExceptAddresses() {
        Map<String, String> overrides = QuestDbServerMain.overrides(Map.of(
                "QDB_SHARED_WORKER_SLEEP_TIMEOUT", "10",
                "QDB_HTTP_NET_BIND_TO", "0.0.0.0:9000",
                "QDB_LINE_UDP_BIND_TO", "0.0.0.0:9009",
                "PATH", "/usr/bin"));

        assertThat(overrides).containsOnlyKeys("QDB_SHARED_WORKER_SLEEP_TIMEOUT");
        assertThat(overrides).containsEntry("QDB_SHARED_WORKER_SLEEP_TIMEOUT", "10");
    }
}
