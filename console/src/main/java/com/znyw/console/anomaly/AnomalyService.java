package com.znyw.console.anomaly;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.tsdb.ScoreRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** Anomalies across all series, newest first, with operators' verdicts. */
@Service
public class AnomalyService {

    /** Most anomalies one request may ask for. */
    public static final int MAX_LIMIT = 5000;

    /** An anomaly and its verdict, if any. */
    public record AnomalyRow(ScoredPoint point, Verdict verdict) {
    }

    private final ScoreRepository scores;
    private final FeedbackService feedback;
    private final Clock clock;

    public AnomalyService(ScoreRepository scores, FeedbackService feedback, Clock clock) {
        this.scores = scores;
        this.feedback = feedback;
        this.clock = clock;
    }

    /**
     * Lists anomalies in the range.
     *
     * @throws IllegalArgumentException naming a bad range or limit
     */
    public List<AnomalyRow> recent(Instant from, Instant to, int limit) {
        if (to == null) {
            to = clock.instant();
        }
        if (from == null) {
            from = to.minus(Duration.ofDays(1));
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from=" + from + " is not before to=" + to
                    + ": choose an earlier 'from'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit=" + limit + " is out of range: use 1 to " + MAX_LIMIT);
        }
        List<ScoredPoint> points = scores.recentAnomalies(from, to, limit);
        var verdicts = feedback.find(points.stream().map(p -> FeedbackService.id(p.series, p.ts)).toList());
        return points.stream().map(p -> {
            FeedbackService.Feedback f = verdicts.get(FeedbackService.id(p.series, p.ts));
            return new AnomalyRow(p, f == null ? null : f.verdict());
        }).toList();
    }
}
