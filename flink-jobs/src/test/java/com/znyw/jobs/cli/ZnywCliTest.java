package com.znyw.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.znyw.jobs.text.CliText;
import com.znyw.jobs.text.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line for bad input, found before any server starts. */
class ZnywCliTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @Test
    void helpPrintsUsage() throws Exception {
        assertThat(run(CliText.english(), "--help")).isZero();
        assertThat(out()).contains("Usage: znyw").contains("bench nab");
        assertThat(run(CliText.chinese(), "demo", "--help")).isZero();
        assertThat(out()).contains("用法: znyw demo").contains("--replay-seconds");
    }

    @Test
    void languageOptionMayStandAnywhere() {
        List<String> before = new ArrayList<>(
                List.of("--lang", "en", "demo", "--no-console"));
        assertThat(ZnywCli.takeLanguage(before)).isEqualTo("en");
        assertThat(before).containsExactly("demo", "--no-console");
        List<String> after = new ArrayList<>(
                List.of("demo", "--lang", "zh-CN", "--no-console"));
        assertThat(ZnywCli.takeLanguage(after)).isEqualTo("zh-CN");
        assertThat(after).containsExactly("demo", "--no-console");
        assertThat(ZnywCli.takeLanguage(new ArrayList<>(List.of("demo"))))
                .isNull();
    }

    @Test
    void languageOptionNeedsAValue() {
        List<String> args = new ArrayList<>(List.of("demo", "--lang"));
        assertThatThrownBy(() -> ZnywCli.takeLanguage(args))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("zh-CN or en");
    }

    @Test
    void noCommandIsAnError() throws Exception {
        assertThat(run(CliText.english())).isEqualTo(2);
        assertThat(err()).contains("Usage: znyw");
    }

    @Test
    void unknownCommandIsNamed() throws Exception {
        assertThat(run(CliText.chinese(), "deploy")).isEqualTo(2);
        assertThat(err()).contains("未知命令 'deploy'");
        assertThat(run(CliText.english(), "deploy")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'deploy'");
    }

    @Test
    void unknownDemoOptionIsNamed() throws Exception {
        assertThat(run(CliText.english(), "demo", "--bogus")).isEqualTo(2);
        assertThat(err()).startsWith("znyw demo: unknown option '--bogus'");
    }

    @Test
    void invalidPortIsNamed() throws Exception {
        assertThat(run(CliText.chinese(), "demo", "--flink-port", "70000")).isEqualTo(2);
        assertThat(err()).contains("--flink-port").contains("'70000'").contains("65535");
    }

    @Test
    void missingDataFolderIsNamed(@TempDir Path empty) throws Exception {
        Path missing = empty.resolve("nab");
        assertThat(run(CliText.english(), "demo", "--data", missing.toString(), "--no-console"))
                .isEqualTo(2);
        assertThat(err()).contains("no NAB data folder at " + missing.resolve("data"))
                .contains("--data");
    }

    @Test
    void emptyDataFolderIsNamed(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("data/realKnownCause"));
        assertThat(run(CliText.chinese(), "demo", "--data", root.toString())).isEqualTo(2);
        assertThat(err()).contains(root.resolve("data").toString()).contains("没有 CSV 文件");
    }

    @Test
    void missingLabelsAreNamed(@TempDir Path root) throws Exception {
        writeNabFolder(root);
        Files.delete(root.resolve("labels/combined_windows.json"));

        assertThat(run(CliText.english(), "demo", "--data", root.toString(), "--workdir",
                root.resolve("work").toString(), "--flink-port", "0", "--no-console"))
                .isEqualTo(2);
        assertThat(err()).contains(root.resolve("labels/combined_windows.json") + " not found")
                .contains("--data");
        assertThat(root.resolve("work")).as("nothing started").doesNotExist();
    }

    @Test
    void invalidDataFileIsNamed(@TempDir Path root) throws Exception {
        writeNabFolder(root);
        Path bad = Files.writeString(root.resolve("data/realKnownCause/bad.csv"), "foo,bar\n1,2\n");

        assertThat(run(CliText.chinese(), "demo", "--data", root.toString(), "--workdir",
                root.resolve("work").toString(), "--flink-port", "0", "--no-console"))
                .isEqualTo(2);
        assertThat(err()).contains("NAB 文件 " + bad + " 无效").contains("'timestamp'")
                .contains("--data");
        assertThat(root.resolve("work")).as("nothing started").doesNotExist();
    }

    @Test
    void invalidLabelsAreNamed(@TempDir Path root) throws Exception {
        writeNabFolder(root);
        Files.writeString(root.resolve("labels/combined_windows.json"), "{\"a.csv\": [");

        assertThat(run(CliText.english(), "demo", "--data", root.toString(), "--workdir",
                root.resolve("work").toString(), "--flink-port", "0", "--no-console"))
                .isEqualTo(2);
        assertThat(err()).contains("invalid NAB file " + root.resolve("labels/combined_windows.json"));
        assertThat(root.resolve("work")).as("nothing started").doesNotExist();
    }

    @Test
    void busyPortIsNamed(@TempDir Path root) throws Exception {
        writeNabFolder(root);
        try (ServerSocket taken = new ServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(run(CliText.english(), "demo", "--data", root.toString(), "--workdir",
                    root.resolve("work").toString(), "--flink-port", String.valueOf(port)))
                    .isEqualTo(2);
            assertThat(err()).contains("port " + port + " for --flink-port is in use");
        }
        assertThat(root.resolve("work")).as("nothing started").doesNotExist();
    }

    @Test
    void foreignWorkFolderIsRefused(@TempDir Path root) throws Exception {
        writeNabFolder(root);
        assertThat(run(CliText.chinese(), "demo", "--data", root.toString(), "--workdir",
                root.toString(), "--flink-port", "0", "--no-console")).isEqualTo(2);
        assertThat(err()).contains(root.toString()).contains("--workdir");
        assertThat(root.resolve("data/realKnownCause/one.csv")).exists();
    }

    @Test
    void benchHelpPrintsUsage() throws Exception {
        assertThat(run(CliText.english(), "bench", "--help")).isZero();
        assertThat(out()).contains("bench nab [options]");
    }

    @Test
    void benchNeedsAKnownName() throws Exception {
        assertThat(run(CliText.english(), "bench")).isEqualTo(2);
        assertThat(err()).contains("missing benchmark name");
        assertThat(run(CliText.english(), "bench", "htm")).isEqualTo(2);
        assertThat(err()).contains("unknown benchmark 'htm'");
    }

    @Test
    void benchErrorsFollowTheLanguage(@TempDir Path empty) throws Exception {
        Path missing = empty.resolve("nab");

        assertThat(run(CliText.chinese(), "bench", "nab", "--data", missing.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("找不到 NAB 数据目录 " + missing.resolve("data").toAbsolutePath());
        assertThat(run(CliText.english(), "bench", "rca", "--forecast", "mode")).isEqualTo(2);
        assertThat(err()).contains("--forecast needs 'median' or 'mean', got 'mode'");
        assertThat(run(CliText.chinese(), "bench", "nab", "--help")).isZero();
        assertThat(out()).startsWith("用法: znyw bench nab --data <目录>");
    }

    /** Writes a NAB-layout folder with one short data file and empty labels and profiles. */
    private static void writeNabFolder(Path root) throws Exception {
        Files.createDirectories(root.resolve("data/realKnownCause"));
        Files.writeString(root.resolve("data/realKnownCause/one.csv"),
                "timestamp,value\n2014-04-01 00:00:00,1.0\n");
        Files.createDirectories(root.resolve("labels"));
        Files.writeString(root.resolve("labels/combined_windows.json"), "{}");
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/profiles.json"), "{}");
    }

    private int run(CliText text, String... args) throws Exception {
        outBytes.reset();
        errBytes.reset();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return ZnywCli.run(args, text, out, err);
        }
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
