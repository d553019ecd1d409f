package com.znyw.jobs.demo;

import com.znyw.core.tsdb.QuestDbScoreRepository;
import com.znyw.jobs.text.CliText;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints the replay's progress and waits for the job to catch up, reading counts from the store. */
final class DemoProgress {

    private static final Logger LOG = LoggerFactory.getLogger(DemoProgress.class);
    /** How long the scored count must stay unchanged before the demo treats scoring as done. */
    private static final Duration QUIET = Duration.ofSeconds(10);

    private final PrintStream out;
    private final CliText text;
    private final QuestDbScoreRepository scores;
    private final int totalPoints;

    DemoProgress(PrintStream out, CliText text, QuestDbScoreRepository scores, int totalPoints) {
        this.out = out;
        this.text = text;
        this.scores = scores;
        this.totalPoints = totalPoints;
    }

    void report(long sent, long elapsedMs) {
        long[] counts = counts();
        out.println(text.get("progress.sent", sent, totalPoints,
                sent * 1000.0 / Math.max(1, elapsedMs), counts[0], counts[1]));
    }

    /** Waits until every point is scored, or the scored count has stopped growing. */
    void awaitScored(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long last = -1;
        Instant changed = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            long scored = counts()[0];
            if (scored >= totalPoints) {
                return;
            }
            if (scored != last) {
                last = scored;
                changed = Instant.now();
            } else if (Duration.between(changed, Instant.now()).compareTo(QUIET) > 0) {
                out.println(text.get("progress.partial", scored, totalPoints));
                return;
            }
            Thread.sleep(1000);
        }
        out.println(text.get("progress.timeout", timeout.toSeconds()));
    }

    /** Returns {scored points, anomalies} so far; zeros while the store is not readable. */
    private long[] counts() {
        try {
            return scores.countScoredAndAnomalies();
        } catch (RuntimeException e) {
            LOG.debug("Counting scored points failed: {}", e.toString());
            return new long[] {0, 0};
        }
    }
}
