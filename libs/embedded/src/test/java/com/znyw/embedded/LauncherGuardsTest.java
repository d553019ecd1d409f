package com.znyw.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherGuardsTest {

    @TempDir
    Path tempDir;

    @Test
    void killedParentLeavesNoServer() throws Exception {
        List<String> command = List.of(ServerModule.javaExecutable().toString(),
                "-Xmx128m",
                "-Dznyw.home=" + ServerModule.repositoryRoot(),
                "-Djava.io.tmpdir=" + tempDir,
                "-cp", System.getProperty("java.class.path"),
                ParentDeathProbe.class.getName(), "mongo", "influxdb1");
        Process probe = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tempDir.resolve("probe.log").toFile()).start();
        try {
            List<Long> serverPids = awaitServerPids(probe, tempDir.resolve("probe.log"), 3, Duration.ofSeconds(120));
            for (long pid : serverPids) {
                assertThat(ProcessHandle.of(pid)).as("server process %d before the kill", pid).isPresent();
            }

            // SIGKILL: the probe runs no shutdown hook, so only the servers' own parent watch stops them.
            probe.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            for (long pid : serverPids) {
                assertThat(awaitExit(pid, Duration.ofSeconds(30))).as("server process %d ended after its parent", pid)
                        .isTrue();
            }
        } finally {
            probe.destroyForcibly();
        }
    }

    @Test
    void busyPortFailsFast() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            long started = System.nanoTime();

            assertThatThrownBy(() -> EmbeddedMongo.start(tempDir.resolve("mongo"), busy.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with status 3")
                    .hasMessageContaining("mongo.log");

            // mongo-java-server keeps its JVM alive after a failed bind unless the main exits.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void invalidPortRejected() {
        assertThatThrownBy(() -> EmbeddedKafka.start(tempDir, 70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid Kafka port 70000");
        assertThatThrownBy(() -> EmbeddedQuestDb.start(tempDir, 9000, 9000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> EmbeddedInfluxDb1.start(tempDir, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid InfluxDB port -1");
    }

    @Test
    void wrongHomeNamesTheFix() {
        String previous = System.getProperty("znyw.home");
        System.setProperty("znyw.home", tempDir.toString());
        try {
            assertThatThrownBy(() -> EmbeddedMongo.start(tempDir.resolve("data"), 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("system property znyw.home")
                    .hasMessageContaining("point it at the ZNYW repository root");
        } finally {
            restore("znyw.home", previous);
        }
    }

    @Test
    void unbuiltModuleNamesTheFix() throws Exception {
        Files.createDirectories(tempDir.resolve("embedded/kafka-server"));
        Files.writeString(tempDir.resolve("embedded/kafka-server/pom.xml"), "<project/>");
        String previous = System.getProperty("znyw.home");
        System.setProperty("znyw.home", tempDir.toString());
        try {
            assertThatThrownBy(() -> EmbeddedKafka.start(tempDir.resolve("data"), 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not built")
                    .hasMessageContaining("./mvnw -DskipTests install");
        } finally {
            restore("znyw.home", previous);
        }
    }

    @Test
    void missingInfluxdNamesPackage() {
        String previous = System.getProperty("znyw.influxd");
        System.setProperty("znyw.influxd", tempDir.resolve("no-influxd").toString());
        try {
            assertThatThrownBy(() -> EmbeddedInfluxDb1.start(tempDir.resolve("data"), 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("apt-get install -y influxdb");
        } finally {
            restore("znyw.influxd", previous);
        }
    }

    @Test
    void closeStopsServerAndDeletesTempData() {
        EmbeddedMongo mongo = EmbeddedMongo.start();
        Path dataDir = mongo.dataDir();
        long pid = mongo.pid();
        assertThat(dataDir.resolve("mongo.mv")).exists();

        mongo.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(mongo.isRunning()).isFalse();
        assertThat(dataDir).doesNotExist();
        mongo.close();
    }

    @Test
    void closeKeepsGivenDataDir() {
        Path dataDir = tempDir.resolve("kept");
        EmbeddedMongo mongo = EmbeddedMongo.start(dataDir, 0);
        mongo.close();
        assertThat(dataDir.resolve("mongo.mv")).exists();
        assertThat(dataDir.resolve("mongo.log")).content().contains("ZNYW-READY").contains("store closed");
    }

    @Test
    void kafkaRestartKeepsClusterAndTopics() throws Exception {
        Path dataDir = tempDir.resolve("kafka");
        Path metaProperties = dataDir.resolve("kafka-logs/meta.properties");
        String clusterBefore;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            kafka.createTopic("kept-topic", 2);
            clusterBefore = Files.readString(metaProperties);
        }
        assertThat(dataDir.resolve("kafka.log")).content().contains("Kafka broker stopped");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            assertThat(kafka.isRunning()).isTrue();
            assertThat(Files.readString(metaProperties)).isEqualTo(clusterBefore);
            assertThat(dataDir.resolve("kafka-logs/kept-topic-1")).isDirectory();
        }
    }

    private static List<Long> awaitServerPids(Process probe, Path log, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> pids = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("SERVER-PID ")) {
                    pids.add(Long.parseLong(line.substring("SERVER-PID ".length()).trim()));
                }
            }
            if (pids.size() >= count) {
                return pids;
            }
            if (!probe.isAlive()) {
                throw new AssertionError("The probe exited with status " + probe.exitValue() + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The probe did not report " + count + " server pids within " + timeout.toSeconds()
                + " s:\n" + Files.readString(log));
    }

    private static boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
