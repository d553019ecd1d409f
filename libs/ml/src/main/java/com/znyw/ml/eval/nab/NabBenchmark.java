package com.znyw.ml.eval.nab;

import com.znyw.ml.detect.Detection;
import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.Detectors;
import com.znyw.ml.detect.StreamingDetector;
import com.znyw.ml.eval.BenchText;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs the production detector over a NAB-layout folder and prints its NAB scores.
 *
 * <pre>
 * NabBenchmark --data &lt;dir&gt; [--out &lt;dir&gt;] [--sensitivity &lt;0..10&gt;]
 * </pre>
 *
 * <ul>
 *   <li>{@code --data} (required): a folder in NAB's layout, with {@code data/<category>/*.csv}
 *       ({@code timestamp,value}), {@code labels/combined_windows.json} and
 *       {@code config/profiles.json}. Any subset of NAB's categories and files may be present;
 *       only the files present are scored.</li>
 *   <li>{@code --out} (default {@code target/nab-results}): where the result files go, in NAB's
 *       layout {@code <out>/<detector>/<category>/<detector>_<file>.csv} with the columns
 *       {@code timestamp,value,anomaly_score,label}, plus NAB's per-file score tables
 *       {@code <out>/<detector>/<detector>_<profile>_scores.csv}.</li>
 *   <li>{@code --sensitivity} (default 5): the detector's sensitivity, 0 to 10, the same for
 *       every file.</li>
 * </ul>
 *
 * <p>Each file is streamed through a fresh detector one point at a time, in file order, with no
 * look-ahead and one parameter set for all files. NAB files contain a few timestamps out of order.
 * The detector rejects such points and the streaming job drops them, so here they get anomaly
 * score 0 and the report counts them. The report prints the normalised score of every profile, a
 * per-category breakdown, and the detector's throughput in points per second (time spent in
 * {@link StreamingDetector#update} only, one thread).
 *
 * <p>Exit codes: 0 on success, 1 when reading or writing fails, 2 for invalid arguments or
 * input, 3 when the detector is not available.
 */
public final class NabBenchmark {

    /** Name of the production detector in result paths and score tables. */
    public static final String DETECTOR_NAME = "znyw";

    static final int EXIT_OK = 0;
    static final int EXIT_IO_FAILURE = 1;
    static final int EXIT_INVALID_INPUT = 2;
    static final int EXIT_DETECTOR_UNAVAILABLE = 3;

    private NabBenchmark() {
    }

    /** Parsed command line. */
    record Options(Path data, Path out, double sensitivity) {
    }

    /**
     * Raised for invalid arguments or input. It carries the key and arguments of its message in
     * {@link BenchText}, so the message can be shown in the user's language. Its own message is
     * the English one.
     */
    static final class InvalidInputException extends Exception {

        private final String key;
        private final transient Object[] args;

        InvalidInputException(String key, Object... args) {
            super(BenchText.english().get(key, args));
            this.key = key;
            this.args = args;
        }

        /** Returns the message in {@code text}'s language. */
        String describe(BenchText text) {
            return text.get(key, args);
        }
    }

    /** One data file after streaming: the detector's output and how many points it rejected. */
    private record FileRun(String file, List<ScoredPoint> points, int rejected, long detectorNanos) {
    }

    /**
     * Runs the benchmark with the production ensemble and exits the JVM with the exit code when
     * it is not 0. Callers that must keep the JVM alive use {@link #run} instead.
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, DETECTOR_NAME, Detectors::newEnsemble,
                BenchText.english());
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Runs the benchmark of {@code znyw bench nab} with the production ensemble. */
    public static int run(String[] args, PrintStream out, PrintStream err, BenchText text) {
        return run(args, out, err, DETECTOR_NAME, Detectors::newEnsemble, text);
    }

    /**
     * Runs the benchmark with any detector; {@link #main} passes the production ensemble.
     *
     * @param detectorName name used in result paths and reports
     * @param newDetector  creates a fresh detector for each file
     * @param text         language of the usage and error messages; the report is in English
     * @return the process exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, String detectorName,
                          Function<DetectorConfig, StreamingDetector> newDetector, BenchText text) {
        Options options;
        try {
            options = parseArgs(args);
        } catch (InvalidInputException e) {
            err.println(e.describe(text));
            err.print(text.get("nab.usage"));
            return EXIT_INVALID_INPUT;
        }
        if (options == null) {
            out.print(text.get("nab.usage"));
            return EXIT_OK;
        }

        try {
            benchmark(options, out, detectorName, newDetector);
            return EXIT_OK;
        } catch (InvalidInputException e) {
            err.println(e.describe(text));
            return EXIT_INVALID_INPUT;
        } catch (UnsupportedOperationException e) {
            err.println(text.get("nab.detectorUnavailable", detectorName, e.getMessage()));
            return EXIT_DETECTOR_UNAVAILABLE;
        } catch (IOException | UncheckedIOException e) {
            err.println(text.get("nab.failed", e.getMessage()));
            return EXIT_IO_FAILURE;
        }
    }

    /**
     * Parses the command line.
     *
     * @return the options, or {@code null} when help was requested
     */
    static Options parseArgs(String[] args) throws InvalidInputException {
        Path data = null;
        Path out = Path.of("target", "nab-results");
        double sensitivity = DetectorConfig.DEFAULT_SENSITIVITY;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (!flag.equals("--data") && !flag.equals("--out") && !flag.equals("--sensitivity")) {
                throw new InvalidInputException("nab.unknownArgument", args[i]);
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new InvalidInputException("nab.missingValue", flag);
                }
                value = args[++i];
            }
            switch (flag) {
                case "--data" -> data = Path.of(value);
                case "--out" -> out = Path.of(value);
                default -> sensitivity = parseSensitivity(value);
            }
        }
        if (data == null) {
            throw new InvalidInputException("nab.missingData");
        }
        return new Options(data, out, sensitivity);
    }

    private static double parseSensitivity(String text) throws InvalidInputException {
        double sensitivity;
        try {
            sensitivity = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("nab.invalidSensitivity", text);
        }
        if (!(sensitivity >= 0 && sensitivity <= 10)) {
            throw new InvalidInputException("nab.invalidSensitivity", text);
        }
        return sensitivity;
    }

    private static void benchmark(Options options, PrintStream out, String detectorName,
                                  Function<DetectorConfig, StreamingDetector> newDetector)
            throws IOException, InvalidInputException {
        Path dataRoot = options.data().resolve("data");
        if (!Files.isDirectory(dataRoot)) {
            throw new InvalidInputException("nab.dataFolderMissing", dataRoot.toAbsolutePath());
        }
        List<String> files = listDataFiles(dataRoot);
        Path labelsFile = options.data().resolve("labels").resolve("combined_windows.json");
        Path profilesFile = options.data().resolve("config").resolve("profiles.json");
        for (Path file : List.of(labelsFile, profilesFile)) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("nab.scoringFileMissing", file.toAbsolutePath());
            }
        }
        Map<String, List<AnomalyWindow>> windows;
        Map<String, CostProfile> profiles;
        try {
            windows = NabLabels.loadWindows(labelsFile);
            profiles = CostProfile.load(profilesFile);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("nab.invalidInput", e.getMessage());
        }
        for (String file : files) {
            if (!windows.containsKey(file)) {
                throw new InvalidInputException("nab.unlabelledFile", file, labelsFile);
            }
        }

        DetectorConfig config = new DetectorConfig(options.sensitivity());
        Path detectorOut = options.out().resolve(detectorName);
        Map<String, List<ScoredPoint>> results = new LinkedHashMap<>();
        long points = 0;
        long detectorNanos = 0;
        int rejected = 0;
        for (String file : files) {
            FileRun run = stream(file, dataRoot.resolve(file), newDetector.apply(config));
            NabCsv.writeResults(resultPath(detectorOut, detectorName, file), run.points(), windows.get(file));
            results.put(file, run.points());
            points += run.points().size();
            detectorNanos += run.detectorNanos();
            rejected += run.rejected();
            if (run.rejected() > 0) {
                out.printf(Locale.ROOT, "%s: the detector rejected %d points (scored 0)%n", file, run.rejected());
            }
        }

        List<CorpusScore> scores = new ArrayList<>();
        try {
            for (CostProfile profile : profiles.values()) {
                scores.add(NabScorer.score(results, windows, profile));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("nab.invalidInput", e.getMessage());
        }
        for (CorpusScore score : scores) {
            writeScoreTable(detectorOut.resolve(detectorName + "_" + score.profile().name() + "_scores.csv"),
                    detectorName, score);
        }

        printReport(out, options, detectorName, files.size(), points, rejected, detectorNanos, scores);
        out.println("Results written to " + detectorOut.toAbsolutePath());
    }

    /** Lists {@code <category>/<file>.csv} under the data folder, sorted. */
    private static List<String> listDataFiles(Path dataRoot) throws IOException, InvalidInputException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> categories = Files.list(dataRoot)) {
            for (Path category : categories.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> csvs = Files.list(category)) {
                    csvs.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                            .sorted()
                            .forEach(p -> files.add(category.getFileName() + "/" + p.getFileName()));
                }
            }
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("nab.noCsv", dataRoot.toAbsolutePath());
        }
        return files;
    }

    /** Streams one file through a fresh detector, point by point. */
    private static FileRun stream(String file, Path csv, StreamingDetector detector)
            throws IOException, InvalidInputException {
        List<ScoredPoint> input;
        try {
            input = NabCsv.strictlyIncreasing(NabCsv.readData(csv));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("nab.invalidInput", e.getMessage());
        }
        StreamResult run = streamThrough(input, detector);
        for (ScoredPoint point : run.points()) {
            double score = point.anomalyScore();
            if (!(score >= 0 && score <= 1)) {
                throw new InvalidInputException("nab.scoreOutOfRange", score,
                        NabTime.format(point.timestampMs()), file);
            }
        }
        return new FileRun(file, run.points(), run.rejected(), run.detectorNanos());
    }

    /**
     * Detector output for one series streamed in order.
     *
     * @param points        the input points with the detector's anomaly scores
     * @param rejected      how many points the detector rejected; they score 0
     * @param detectorNanos time spent inside {@link StreamingDetector#update}
     */
    public record StreamResult(List<ScoredPoint> points, int rejected, long detectorNanos) {
    }

    /**
     * Streams points through the detector one at a time, with no look-ahead, as NAB requires. A
     * point the detector rejects (for example one older than its predecessor) scores 0.
     */
    public static StreamResult streamThrough(List<ScoredPoint> input, StreamingDetector detector) {
        List<ScoredPoint> output = new ArrayList<>(input.size());
        int rejected = 0;
        long nanos = 0;
        for (ScoredPoint point : input) {
            double score;
            long start = System.nanoTime();
            try {
                Detection detection = detector.update(point.timestampMs(), point.value());
                score = detection.score();
            } catch (IllegalArgumentException e) {
                score = 0.0;
                rejected++;
            }
            nanos += System.nanoTime() - start;
            output.add(new ScoredPoint(point.timestampMs(), point.value(), score));
        }
        return new StreamResult(output, rejected, nanos);
    }

    static Path resultPath(Path detectorOut, String detectorName, String file) {
        int slash = file.indexOf('/');
        return detectorOut.resolve(file.substring(0, slash))
                .resolve(detectorName + "_" + file.substring(slash + 1));
    }

    /** Writes NAB's per-file score table for one profile, with NAB's closing "Totals" row. */
    private static void writeScoreTable(Path csv, String detectorName, CorpusScore score) throws IOException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            writer.write("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count\n");
            int tp = 0;
            int tn = 0;
            int fp = 0;
            int fn = 0;
            int total = 0;
            for (FileScore file : score.files()) {
                writer.write(String.join(",", detectorName, score.profile().name(), file.file(),
                        Double.toString(file.threshold()), Double.toString(file.score()),
                        Integer.toString(file.tp()), Integer.toString(file.tn()), Integer.toString(file.fp()),
                        Integer.toString(file.fn()), Integer.toString(file.totalCount())));
                writer.write('\n');
                tp += file.tp();
                tn += file.tn();
                fp += file.fp();
                fn += file.fn();
                total += file.totalCount();
            }
            writer.write(String.join(",", detectorName, score.profile().name(), "Totals",
                    Double.toString(score.threshold()), Double.toString(score.rawScore()), Integer.toString(tp),
                    Integer.toString(tn), Integer.toString(fp), Integer.toString(fn), Integer.toString(total)));
            writer.write('\n');
        }
    }

    private static void printReport(PrintStream out, Options options, String detectorName, int fileCount,
                                    long points, int rejected, long detectorNanos, List<CorpusScore> scores) {
        double seconds = detectorNanos / 1e9;
        out.printf(Locale.ROOT, "NAB benchmark: detector %s, sensitivity %s, %d files, %d points (%d rejected)%n",
                detectorName, options.sensitivity(), fileCount, points, rejected);
        out.printf(Locale.ROOT, "Throughput: %.0f points/s (%.3f s in the detector, one thread)%n",
                seconds > 0 ? points / seconds : Double.NaN, seconds);
        out.println();

        out.printf(Locale.ROOT, "%-20s %10s %10s %10s %10s %11s%n",
                "Profile", "Threshold", "Raw score", "Null", "Perfect", "Normalised");
        for (CorpusScore score : scores) {
            out.printf(Locale.ROOT, "%-20s %10.6f %10.3f %10.3f %10.3f %11s%n", score.profile().name(),
                    score.threshold(), score.rawScore(), score.nullScore(), score.perfectScore(),
                    formatNormalized(score.normalizedScore()));
        }
        out.println();

        out.println("Normalised score per category, at each profile's corpus threshold"
                + " (n/a: the category has no windows; raw score in brackets):");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-24s %5s %7s", "Category", "Files", "Windows"));
        for (CorpusScore score : scores) {
            header.append(String.format(Locale.ROOT, " %22s", score.profile().name()));
        }
        out.println(header);
        List<CategoryScore> first = scores.get(0).categories();
        for (int c = 0; c < first.size(); c++) {
            CategoryScore category = first.get(c);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-24s %5d %7d",
                    category.category(), category.files(), category.windows()));
            for (CorpusScore score : scores) {
                CategoryScore cell = score.categories().get(c);
                row.append(String.format(Locale.ROOT, " %22s",
                        formatNormalized(cell.normalizedScore())
                                + String.format(Locale.ROOT, " (%.3f)", cell.rawScore())));
            }
            out.println(row);
        }
    }

    private static String formatNormalized(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
