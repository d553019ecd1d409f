package com.znyw.jobs.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.znyw.core.kpi.KpiConfigQuery;
import com.znyw.core.kpi.KpiConfigRepository;
import com.znyw.core.model.ScoredPoint;
import com.znyw.core.tsdb.QuestDbScoreRepository;
import com.znyw.jobs.text.CliText;
import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.Detectors;
import com.znyw.ml.eval.nab.AnomalyWindow;
import com.znyw.ml.eval.nab.CorpusScore;
import com.znyw.ml.eval.nab.CostProfile;
import com.znyw.ml.eval.nab.NabBenchmark;
import com.znyw.ml.eval.nab.NabLabels;
import com.znyw.ml.eval.nab.NabScorer;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's closing report: anomalies per series and the NAB score of the scores the streaming
 * job wrote to the store, next to the score of the library's ensemble run directly over the same
 * points. The two agree when the job scored every point in order with restored state.
 */
final class DemoSummary {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSummary.class);

    private final PrintStream out;
    private final CliText text;
    private final NabReplayPlan plan;
    private final QuestDbScoreRepository scores;
    private final String mongoUri;

    DemoSummary(PrintStream out, CliText text, NabReplayPlan plan, QuestDbScoreRepository scores,
                String mongoUri) {
        this.out = out;
        this.text = text;
        this.plan = plan;
        this.scores = scores;
        this.mongoUri = mongoUri;
    }

    /** Prints how many series the discovery job registered in {@code kpi_configs}. */
    private void printRegistry() {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            KpiConfigRepository registry = new KpiConfigRepository(client.getDatabase("znyw"));
            long registered = registry.count(KpiConfigQuery.all());
            // Discovery writes when a window closes, which can trail the scores by a few seconds.
            for (int wait = 0; wait < 30 && registered < plan.series().size(); wait++) {
                sleep();
                registered = registry.count(KpiConfigQuery.all());
            }
            out.println(text.get("summary.registry", registered, plan.series().size()));
        } catch (RuntimeException e) {
            LOG.warn("Reading the KPI registry for the demo summary failed", e);
            out.println(text.get("summary.registryFailed", e.getMessage()));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void print() throws IOException {
        out.println();
        printRegistry();
        Map<String, List<com.znyw.ml.eval.nab.ScoredPoint>> fromJob = new LinkedHashMap<>();
        Map<String, List<com.znyw.ml.eval.nab.ScoredPoint>> fromLibrary = new LinkedHashMap<>();
        out.println();
        out.println(text.get("summary.anomalies"));
        Map<String, Integer> differingBySeries = new LinkedHashMap<>();
        // Pads every series key to the longest one, so the counts line up in one column.
        int keyWidth = plan.series().stream().mapToInt(series -> series.key().toString().length())
                .max().orElse(1);
        for (NabReplayPlan.ReplaySeries series : plan.series()) {
            List<ScoredPoint> written = scores.scores(series.key(),
                    Instant.ofEpochMilli(series.replayTs(0)),
                    Instant.ofEpochMilli(series.replayTs(series.rows().size() - 1) + 1));
            Map<Long, Double> scoreByTs = new HashMap<>();
            int anomalies = 0;
            for (ScoredPoint point : written) {
                scoreByTs.put(point.ts, point.score);
                anomalies += point.anomaly ? 1 : 0;
            }
            String paddedKey = String.format("%-" + keyWidth + "s", series.key());
            out.println(text.get("summary.anomaliesRow", paddedKey, anomalies, written.size()));

            List<com.znyw.ml.eval.nab.ScoredPoint> jobPoints = new ArrayList<>();
            List<com.znyw.ml.eval.nab.ScoredPoint> libraryPoints = libraryRun(series);
            for (int row = 0; row < series.rows().size(); row++) {
                var original = series.rows().get(row);
                // A point the job never scored (late or rejected) counts as score 0, as in the benchmark.
                double score = scoreByTs.getOrDefault(series.replayTs(row), 0.0);
                jobPoints.add(new com.znyw.ml.eval.nab.ScoredPoint(original.timestampMs(),
                        original.value(), score));
                if (Math.abs(score - libraryPoints.get(row).anomalyScore()) > 1e-9) {
                    differingBySeries.merge(series.file(), 1, Integer::sum);
                }
            }
            fromJob.put(series.file(), jobPoints);
            fromLibrary.put(series.file(), libraryPoints);
        }

        Map<String, List<AnomalyWindow>> windows = NabLabels.loadWindows(
                plan.nabRoot().resolve("labels/combined_windows.json"));
        out.println();
        out.println(text.get("summary.nab"));
        // Padded here rather than by the format, which counts characters, not terminal columns.
        out.println(text.get("summary.nabColumns",
                CliText.padEnd(text.get("summary.column.profile"), 20),
                CliText.padStart(text.get("summary.column.job"), 14),
                CliText.padStart(text.get("summary.column.library"), 10)));
        for (CostProfile profile : CostProfile.nabProfiles()) {
            CorpusScore job = NabScorer.score(fromJob, windows, profile);
            CorpusScore library = NabScorer.score(fromLibrary, windows, profile);
            out.println(text.get("summary.nabRow", profile.name(), job.normalizedScore(),
                    library.normalizedScore()));
        }
        if (differingBySeries.isEmpty()) {
            out.println(text.get("summary.same"));
            return;
        }
        // The job sorts points that arrive out of order within its watermark bound before it
        // scores them. The library run, like NAB, rejects a point older than its predecessor.
        out.println(text.get("summary.different"));
        differingBySeries.forEach((file, count) -> out.println(text.get("summary.differentRow", file, count)));
    }

    /** Streams the series through a fresh ensemble, as {@code znyw bench nab} does. */
    private static List<com.znyw.ml.eval.nab.ScoredPoint> libraryRun(NabReplayPlan.ReplaySeries series) {
        return NabBenchmark.streamThrough(series.rows(), Detectors.newEnsemble(DetectorConfig.defaults()))
                .points();
    }
}
