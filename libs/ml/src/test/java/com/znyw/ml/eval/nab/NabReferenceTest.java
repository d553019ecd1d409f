package com.znyw.ml.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces NAB's published scores of its windowedGaussian detector from that detector's raw
 * outputs: the per-file standard-profile table (score and TP, TN, FP, FN counts) and, for all
 * three profiles, the per-point {@code S(t)} columns of the result files.
 */
class NabReferenceTest {

    private static final String DETECTOR = "windowedGaussian";
    private static final double TOLERANCE = 1e-6;

    private static Path nab;
    private static Map<String, List<AnomalyWindow>> windows;
    private static Map<String, CostProfile> profiles;
    private static Map<String, Double> thresholds;

    @BeforeAll
    static void loadCorpus() throws IOException {
        nab = NabTestData.nabHome();
        windows = NabLabels.loadWindows(nab.resolve("labels/combined_windows.json"));
        profiles = CostProfile.load(nab.resolve("config/profiles.json"));
        thresholds = loadThresholds(nab.resolve("config/thresholds.json"), DETECTOR);
    }

    /** One row of NAB's {@code <detector>_standard_scores.csv}. */
    record ReferenceRow(String file, double threshold, double score, int tp, int tn, int fp, int fn, int total) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Arguments> referenceRows() throws IOException {
        return readReferenceRows().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceRows")
    void standardScoreMatchesReference(ReferenceRow row) throws IOException {
        assertThat(row.threshold()).as("threshold column vs config/thresholds.json")
                .isEqualTo(thresholds.get("standard"));

        FileScore score = NabScorer.scoreFile(row.file(), readResults(row.file()), windows.get(row.file()),
                profiles.get("standard"), thresholds.get("standard"));

        assertThat(score.tp()).as("TP").isEqualTo(row.tp());
        assertThat(score.tn()).as("TN").isEqualTo(row.tn());
        assertThat(score.fp()).as("FP").isEqualTo(row.fp());
        assertThat(score.fn()).as("FN").isEqualTo(row.fn());
        assertThat(score.totalCount()).as("Total_Count").isEqualTo(row.total());
        assertThat(score.score()).as("Score").isCloseTo(row.score(), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceRows")
    void pointContributionsMatchEveryProfile(ReferenceRow row) throws IOException {
        Path resultFile = resultPath(row.file());
        List<String> lines = Files.readAllLines(resultFile, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        List<ScoredPoint> points = readResults(row.file());

        for (CostProfile profile : profiles.values()) {
            int column = header.indexOf("S(t)_" + profile.name());
            assertThat(column).as("S(t) column of %s in %s", profile.name(), resultFile).isNotNegative();
            double[] contributions = NabScorer.pointContributions(row.file(), points, windows.get(row.file()),
                    profile, thresholds.get(profile.name()));

            double sum = 0;
            for (int i = 0; i < points.size(); i++) {
                double expected = Double.parseDouble(lines.get(i + 1).split(",")[column]);
                assertThat(contributions[i]).as("%s S(t) at line %d", profile.name(), i + 2)
                        .isCloseTo(expected, within(TOLERANCE));
                sum += contributions[i];
            }
            FileScore score = NabScorer.scoreFile(row.file(), points, windows.get(row.file()), profile,
                    thresholds.get(profile.name()));
            assertThat(score.score()).as("%s score equals the sum of S(t)", profile.name())
                    .isCloseTo(sum, within(TOLERANCE));
        }
    }

    @Test
    void referenceCoversEveryResultFile() throws IOException {
        List<String> referenced = readReferenceRows().stream().map(ReferenceRow::file).sorted().toList();
        List<String> resultFiles = new ArrayList<>();
        Path detectorDir = nab.resolve("reference").resolve(DETECTOR);
        try (Stream<Path> files = Files.walk(detectorDir)) {
            files.filter(p -> p.getFileName().toString().startsWith(DETECTOR + "_") && !p.getParent().equals(detectorDir))
                    .forEach(p -> resultFiles.add(p.getParent().getFileName() + "/"
                            + p.getFileName().toString().substring(DETECTOR.length() + 1)));
        }
        assertThat(referenced).hasSize(35).containsExactlyElementsOf(resultFiles.stream().sorted().toList());
    }

    @Test
    void corpusTotalIsSumOfFileScores() throws IOException {
        Map<String, List<ScoredPoint>> results = new LinkedHashMap<>();
        double referenceTotal = 0;
        for (ReferenceRow row : readReferenceRows()) {
            results.put(row.file(), readResults(row.file()));
            referenceTotal += row.score();
        }
        CorpusScore corpus = NabScorer.score(results, windows, profiles.get("standard"));
        double atReferenceThreshold = corpus.files().stream()
                .mapToDouble(f -> NabScorer.scoreFile(f.file(), results.get(f.file()), windows.get(f.file()),
                        profiles.get("standard"), 1.0).score())
                .sum();
        assertThat(atReferenceThreshold).isCloseTo(referenceTotal, within(1e-5));

        // The sweep optimises the threshold for these 35 files, so it scores at least as well as
        // threshold 1.0, which NAB chose for its whole corpus.
        assertThat(corpus.rawScore()).isGreaterThanOrEqualTo(atReferenceThreshold - 1e-9);
        int windowCount = results.keySet().stream().mapToInt(f -> windows.get(f).size()).sum();
        assertThat(corpus.perfectScore()).isEqualTo(windowCount);
        assertThat(corpus.nullScore()).isEqualTo(-windowCount);
        assertThat(corpus.normalizedScore())
                .isCloseTo(100 * (corpus.rawScore() + windowCount) / (2.0 * windowCount), within(1e-9));
    }

    private static List<ReferenceRow> readReferenceRows() throws IOException {
        Path table = NabTestData.nabHome().resolve("reference").resolve(DETECTOR)
                .resolve(DETECTOR + "_standard_scores.csv");
        List<ReferenceRow> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[2].equals("Totals")) {
                continue;
            }
            rows.add(new ReferenceRow(f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                    Integer.parseInt(f[8]), Integer.parseInt(f[9])));
        }
        return rows;
    }

    private static Path resultPath(String file) {
        String category = file.substring(0, file.indexOf('/'));
        String name = file.substring(file.indexOf('/') + 1);
        return nab.resolve("reference").resolve(DETECTOR).resolve(category).resolve(DETECTOR + "_" + name);
    }

    private static List<ScoredPoint> readResults(String file) throws IOException {
        return NabCsv.readResults(resultPath(file));
    }

    /** Reads {@code {detector: {profile: {"threshold": t}}}} from NAB's thresholds file. */
    @SuppressWarnings("unchecked")
    private static Map<String, Double> loadThresholds(Path json, String detector) throws IOException {
        Map<String, Object> all = (Map<String, Object>) JsonReader.parse(
                Files.readString(json, StandardCharsets.UTF_8), json.toString());
        Map<String, Object> byProfile = (Map<String, Object>) all.get(detector);
        Map<String, Double> thresholds = new LinkedHashMap<>();
        byProfile.forEach((profile, entry) -> thresholds.put(profile, (Double) ((Map<String, Object>) entry).get("threshold")));
        return thresholds;
    }
}
