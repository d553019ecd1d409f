package com.znyw.ml.eval.rca;

import com.znyw.ml.eval.BenchText;
import com.znyw.ml.rca.RippleCoverLocalizer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Scores {@link RippleCoverLocalizer} with its default settings on the root-cause data sets in a
 * folder: {@code rs/} (real CDN failures, derived measure) and {@code synthetic-s/} (synthetic
 * cubes). Prints F1, precision, recall and the median and p90 time per case for each data set
 * present. Loading and forecasting are timed apart from the localization, which is timed both
 * by the wall clock and by the thread's CPU time.
 *
 * <p>Usage: {@code RcaBenchmark --data <dir> [--history <minutes>] [--forecast median|mean]
 * [--verbose]}. RiskLoc's published evaluation of RS corresponds to
 * {@code --history 4 --forecast mean}.
 */
public final class RcaBenchmark {

    private RcaBenchmark() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, BenchText.english());
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the benchmark and returns the process exit status: 0, or 2 for bad arguments.
     *
     * @param text language of the usage and error messages; the report is in English
     */
    public static int run(String[] args, PrintStream out, PrintStream err, BenchText text) {
        Path data = null;
        boolean verbose = false;
        int history = RsDataset.DEFAULT_HISTORY_MINUTES;
        RsDataset.Statistic forecast = RsDataset.Statistic.MEDIAN;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> {
                    if (i + 1 >= args.length) {
                        err.println(text.get("rca.missingDataValue"));
                        return 2;
                    }
                    data = Path.of(args[++i]);
                }
                case "--verbose" -> verbose = true;
                case "--history" -> {
                    Integer minutes = i + 1 < args.length ? parsePositive(args[i + 1]) : null;
                    if (minutes == null) {
                        err.println(text.get("rca.invalidHistory"));
                        return 2;
                    }
                    history = minutes;
                    i++;
                }
                case "--forecast" -> {
                    String name = i + 1 < args.length ? args[i + 1] : "";
                    if (!name.equals("median") && !name.equals("mean")) {
                        err.println(text.get("rca.invalidForecast", name));
                        return 2;
                    }
                    forecast = RsDataset.Statistic.valueOf(name.toUpperCase(Locale.ROOT));
                    i++;
                }
                case "--help", "-h" -> {
                    out.print(usage(text));
                    return 0;
                }
                default -> {
                    err.println(text.get("rca.unknownOption", args[i]));
                    err.print(usage(text));
                    return 2;
                }
            }
        }
        if (data == null) {
            err.println(text.get("rca.missingData"));
            err.print(usage(text));
            return 2;
        }
        Path rs = data.resolve("rs");
        Path synthetic = data.resolve("synthetic-s");
        boolean hasRs = Files.isRegularFile(rs.resolve("anomaly.yaml"));
        boolean hasSynthetic = Files.isRegularFile(synthetic.resolve("injection_info.csv"));
        if (!hasRs && !hasSynthetic) {
            err.println(text.get("rca.noDataSet", data.toAbsolutePath()));
            return 2;
        }

        RippleCoverLocalizer localizer = new RippleCoverLocalizer();
        out.println("localizer: RippleCoverLocalizer " + localizer.config());
        if (hasRs) {
            List<RcaCase> cases = RsDataset.load(rs, history, forecast);
            out.println("rs forecast: " + forecast.name().toLowerCase(Locale.ROOT) + " of up to "
                    + history + " minutes before the anomaly minute");
            report("rs", RcaEvaluation.run(localizer, cases), verbose, out);
        }
        if (hasSynthetic) {
            List<RcaCase> cases = SyntheticDataset.load(synthetic);
            report("synthetic-s", RcaEvaluation.run(localizer, cases), verbose, out);
        }
        return 0;
    }

    private static void report(String dataset, RcaEvaluation evaluation, boolean verbose,
            PrintStream out) {
        if (verbose) {
            for (RcaEvaluation.CaseResult r : evaluation.results()) {
                out.printf(Locale.ROOT, "  %-32s tp=%d fp=%d fn=%d %6.1f ms (cpu %6.1f ms)"
                                + " truth=%s predicted=%s%n",
                        r.name(), r.outcome().truePositives(), r.outcome().falsePositives(),
                        r.outcome().falseNegatives(), r.localizeNanos() / 1e6,
                        r.localizeCpuNanos() / 1e6, r.truth(), r.predicted());
            }
        }
        RcaScorer s = evaluation.scorer();
        out.printf(Locale.ROOT, "%-12s cases=%d F1=%.3f precision=%.3f recall=%.3f"
                        + " tp=%d fp=%d fn=%d localize median=%.1f ms p90=%.1f ms"
                        + " (cpu median=%.1f ms p90=%.1f ms) load median=%.1f ms%n",
                dataset, evaluation.results().size(), s.f1(), s.precision(), s.recall(),
                s.truePositives(), s.falsePositives(), s.falseNegatives(),
                evaluation.localizeMillisQuantile(0.5), evaluation.localizeMillisQuantile(0.9),
                evaluation.localizeCpuMillisQuantile(0.5), evaluation.localizeCpuMillisQuantile(0.9),
                evaluation.loadMillisQuantile(0.5));
    }

    private static Integer parsePositive(String text) {
        try {
            int value = Integer.parseInt(text);
            return value >= 1 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String usage(BenchText text) {
        return text.get("rca.usage", RsDataset.DEFAULT_HISTORY_MINUTES);
    }
}
