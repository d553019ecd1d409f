package com.znyw.ml.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.StreamingDetector;
import com.znyw.ml.eval.BenchText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link NabBenchmark} end to end on a copy of three NAB files, and on bad input. */
class NabBenchmarkTest {

    private static final String DETECTOR = "gauss";
    private static final List<String> FILES = List.of(
            "artificialNoAnomaly/art_daily_no_noise.csv",
            "artificialWithAnomaly/art_daily_jumpsup.csv",
            "realKnownCause/rogue_agent_key_hold.csv");
    private static final Function<DetectorConfig, StreamingDetector> GAUSSIAN =
            config -> new WindowedGaussianDetector(500);

    @TempDir
    Path temp;

    private Path data;
    private Path out;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void copyNabSubset() throws IOException {
        Path nab = NabTestData.nabHome();
        data = temp.resolve("nab");
        out = temp.resolve("results");
        for (String file : FILES) {
            Path target = data.resolve("data").resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(nab.resolve("data").resolve(file), target);
        }
        Files.createDirectories(data.resolve("labels"));
        Files.createDirectories(data.resolve("config"));
        Files.copy(nab.resolve("labels/combined_windows.json"), data.resolve("labels/combined_windows.json"));
        Files.copy(nab.resolve("config/profiles.json"), data.resolve("config/profiles.json"));
    }

    @Test
    void subsetRunWritesNabResults() throws IOException {
        int code = run("--data", data.toString(), "--out", out.toString(), "--sensitivity", "4");

        assertThat(code).as("exit code, stderr: %s", stderr).isZero();
        Map<String, List<AnomalyWindow>> windows = NabLabels.loadWindows(data.resolve("labels/combined_windows.json"));
        Map<String, List<ScoredPoint>> results = new LinkedHashMap<>();
        for (String file : FILES) {
            Path result = NabBenchmark.resultPath(out.resolve(DETECTOR), DETECTOR, file);
            List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
            List<String> input = Files.readAllLines(data.resolve("data").resolve(file), StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo(NabCsv.RESULT_HEADER);
            assertThat(lines).as(file).hasSameSizeAs(input);

            List<ScoredPoint> points = NabCsv.readResults(result);
            List<ScoredPoint> original = NabCsv.readData(data.resolve("data").resolve(file));
            for (int i = 0; i < points.size(); i++) {
                assertThat(points.get(i).timestampMs()).isEqualTo(original.get(i).timestampMs());
                assertThat(points.get(i).value()).isEqualTo(original.get(i).value());
                assertThat(points.get(i).anomalyScore()).isBetween(0.0, 1.0);
            }
            long labelled = lines.stream().skip(1).filter(line -> line.endsWith(",1")).count();
            long inWindows = original.stream()
                    .filter(p -> windows.get(file).stream().anyMatch(w -> w.contains(p.timestampMs()))).count();
            assertThat(labelled).as("label column of %s", file).isEqualTo(inWindows);
            results.put(file, points);
        }
        assertThat(results.get("realKnownCause/rogue_agent_key_hold.csv"))
                .as("the detector flags something").anyMatch(p -> p.anomalyScore() > 0.99);

        String report = stdout.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("3 files", "points/s", "artificialNoAnomaly", "artificialWithAnomaly",
                "realKnownCause", "sensitivity 4.0");
        for (CostProfile profile : CostProfile.load(data.resolve("config/profiles.json")).values()) {
            CorpusScore expected = NabScorer.score(results, windows, profile);
            Path table = out.resolve(DETECTOR).resolve(DETECTOR + "_" + profile.name() + "_scores.csv");
            List<String> rows = Files.readAllLines(table, StandardCharsets.UTF_8);
            assertThat(rows).hasSize(FILES.size() + 2);
            String[] totals = rows.get(rows.size() - 1).split(",");
            assertThat(totals[2]).isEqualTo("Totals");
            assertThat(Double.parseDouble(totals[4])).as("%s total", profile.name())
                    .isCloseTo(expected.rawScore(), within(1e-9));
            assertThat(report).contains(profile.name())
                    .contains(String.format(java.util.Locale.ROOT, "%.2f", expected.normalizedScore()));
        }
    }

    @Test
    void rejectedPointsScoreZeroAndAreCounted() throws IOException {
        Path file = data.resolve("data/artificialNoAnomaly/art_daily_no_noise.csv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        // Move one line back in time, as in NAB's machine_temperature_system_failure.csv.
        String moved = lines.get(2000);
        lines.set(2000, lines.get(1990).split(",")[0] + "," + moved.split(",")[1]);
        Files.write(file, lines, StandardCharsets.UTF_8);

        int code = run("--data", data.toString(), "--out", out.toString());

        assertThat(code).as("stderr: %s", stderr).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("artificialNoAnomaly/art_daily_no_noise.csv: the detector rejected 1 points")
                .contains("(1 rejected)");
        List<ScoredPoint> points = NabCsv.readResults(
                NabBenchmark.resultPath(out.resolve(DETECTOR), DETECTOR, "artificialNoAnomaly/art_daily_no_noise.csv"));
        // Line 2000 of the file (after the header) is point 1999.
        assertThat(points.get(1999).anomalyScore()).isZero();
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("--data", "--out", "--sensitivity");
    }

    @Test
    void missingDataFlagIsRejected() {
        assertThat(run("--out", out.toString())).isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Missing --data").contains("Usage");
    }

    @Test
    void unknownFlagIsRejected() {
        assertThat(run("--data", data.toString(), "--threads", "4")).isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Unknown argument '--threads'");
    }

    @Test
    void flagWithoutValueIsRejected() {
        assertThat(run("--data")).isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Missing value after --data");
    }

    @Test
    void sensitivityOutOfRangeIsRejected() {
        assertThat(run("--data", data.toString(), "--sensitivity=11")).isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Invalid --sensitivity '11'");

        stderr.reset();
        assertThat(run("--data", data.toString(), "--sensitivity", "high")).isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Invalid --sensitivity 'high'");
    }

    @Test
    void missingDataFolderIsNamed() {
        Path missing = temp.resolve("no-such-folder");

        assertThat(run("--data", missing.toString())).isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains(missing.resolve("data").toString());
    }

    @Test
    void missingLabelsFileIsNamed() throws IOException {
        Files.delete(data.resolve("labels/combined_windows.json"));

        assertThat(run("--data", data.toString(), "--out", out.toString()))
                .isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("combined_windows.json");
    }

    @Test
    void unlabelledFileIsRejected() throws IOException {
        Path extra = data.resolve("data/realKnownCause/my_kpi.csv");
        Files.writeString(extra, "timestamp,value\n2014-01-01 00:00:00,1.0\n");

        assertThat(run("--data", data.toString(), "--out", out.toString())).isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("realKnownCause/my_kpi.csv", "Add an entry");
    }

    @Test
    void malformedValueNamesLine() throws IOException {
        Path file = data.resolve("data/artificialNoAnomaly/art_daily_no_noise.csv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines.set(5, lines.get(5).split(",")[0] + ",abc");
        Files.write(file, lines, StandardCharsets.UTF_8);

        assertThat(run("--data", data.toString(), "--out", out.toString())).isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Line 6", "art_daily_no_noise.csv", "'abc'");
    }

    @Test
    void emptyDataFolderIsRejected() throws IOException {
        Path empty = temp.resolve("empty");
        Files.createDirectories(empty.resolve("data/realKnownCause"));

        assertThat(run("--data", empty.toString())).isEqualTo(NabBenchmark.EXIT_INVALID_INPUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("No CSV files found");
    }

    @Test
    void unavailableDetectorIsReported() {
        int code = NabBenchmark.run(new String[] {"--data", data.toString(), "--out", out.toString()},
                printer(stdout), printer(stderr), "missing", config -> {
                    throw new UnsupportedOperationException("not built yet");
                }, BenchText.english());

        assertThat(code).isEqualTo(NabBenchmark.EXIT_DETECTOR_UNAVAILABLE);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Detector missing is not available");
    }

    private int run(String... args) {
        return NabBenchmark.run(args, printer(stdout), printer(stderr), DETECTOR, GAUSSIAN,
                BenchText.english());
    }

    private static PrintStream printer(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
