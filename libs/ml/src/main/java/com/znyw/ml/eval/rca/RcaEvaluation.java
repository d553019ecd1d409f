package com.znyw.ml.eval.rca;

import com.znyw.ml.rca.RootCause;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import com.znyw.ml.rca.RootCauseLocalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs a localizer over cases and collects F1 and the time per case: wall-clock time, and the
 * CPU time of the calling thread, which other processes on a busy machine do not inflate.
 */
public final class RcaEvaluation {

    /** Result of one case. */
    public record CaseResult(String name, Set<String> truth, Set<String> predicted,
            RcaScorer.Outcome outcome, long localizeNanos, long localizeCpuNanos, long loadNanos) {
    }

    private final RcaScorer scorer = new RcaScorer();
    private final List<CaseResult> results = new ArrayList<>();

    /** Localizes every case and scores it. */
    public static RcaEvaluation run(RootCauseLocalizer localizer, List<RcaCase> cases) {
        RcaEvaluation evaluation = new RcaEvaluation();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        for (RcaCase c : cases) {
            long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            long start = System.nanoTime();
            List<RootCause> causes = localizer.localize(c.cube());
            long elapsed = System.nanoTime() - start;
            long cpuElapsed = cpuTime ? threads.getCurrentThreadCpuTime() - cpuStart : -1;
            Set<String> predicted = RcaScorer.canonical(causes);
            RcaScorer.Outcome outcome = evaluation.scorer.add(predicted, c.truth());
            evaluation.results.add(new CaseResult(c.name(), c.truth(), predicted, outcome,
                    elapsed, cpuElapsed, c.loadNanos()));
        }
        return evaluation;
    }

    public RcaScorer scorer() {
        return scorer;
    }

    public List<CaseResult> results() {
        return List.copyOf(results);
    }

    /** Returns the given quantile (0..1, nearest rank) of the localization time in ms. */
    public double localizeMillisQuantile(double q) {
        return quantile(results.stream().mapToLong(CaseResult::localizeNanos).toArray(), q);
    }

    /**
     * Returns the given quantile (0..1, nearest rank) of the localization CPU time in ms, or NaN
     * when the JVM cannot measure thread CPU time.
     */
    public double localizeCpuMillisQuantile(double q) {
        if (results.stream().anyMatch(r -> r.localizeCpuNanos() < 0)) {
            return Double.NaN;
        }
        return quantile(results.stream().mapToLong(CaseResult::localizeCpuNanos).toArray(), q);
    }

    /** Returns the given quantile (0..1, nearest rank) of the loading time in ms. */
    public double loadMillisQuantile(double q) {
        return quantile(results.stream().mapToLong(CaseResult::loadNanos).toArray(), q);
    }

    private static double quantile(long[] nanos, double q) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
