package com.znyw.console.anomaly;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.znyw.console.audit.AuditService;
import com.znyw.core.model.SeriesKey;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Service;

/**
 * Operators' verdicts on anomalies, in {@code anomaly_feedback}, one document per series and
 * timestamp ({@code _id} is {@code series@ts}). A new verdict replaces the old one and bumps the
 * version; the retraining job reads the collection to learn from false alarms.
 */
@Service
public class FeedbackService {

    public static final String COLLECTION = "anomaly_feedback";

    /** A stored verdict. */
    public record Feedback(String series, long ts, Verdict verdict, String by, long version) {
    }

    private final MongoCollection<Document> feedback;
    private final AuditService audit;
    private final Clock clock;

    public FeedbackService(MongoDatabase database, AuditService audit, Clock clock) {
        this.feedback = database.getCollection(COLLECTION);
        this.audit = audit;
        this.clock = clock;
        feedback.createIndex(Indexes.ascending("series", "ts"));
    }

    /**
     * Stores a verdict.
     *
     * @throws IllegalArgumentException for a malformed series key or a negative time
     */
    public Feedback record(String actor, String series, long ts, Verdict verdict) {
        SeriesKey.parse(series);
        if (ts < 0) {
            throw new IllegalArgumentException("invalid anomaly time " + ts
                    + ": use epoch milliseconds");
        }
        Date now = Date.from(clock.instant());
        Document saved = feedback.findOneAndUpdate(Filters.eq("_id", id(series, ts)),
                Updates.combine(Updates.set("series", series), Updates.set("ts", new Date(ts)),
                        Updates.set("verdict", verdict.name()), Updates.set("by", actor),
                        Updates.set("updatedAt", now), Updates.setOnInsert("createdAt", now),
                        Updates.inc("version", 1L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        audit.record(actor, "anomaly.feedback", series + "@" + ts, "ok", "verdict=" + verdict);
        return toFeedback(saved);
    }

    /** Verdicts of the given anomalies, keyed by {@code series@ts}. */
    public Map<String, Feedback> find(Collection<String> ids) {
        Map<String, Feedback> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        for (Document doc : feedback.find(Filters.in("_id", ids))) {
            Feedback f = toFeedback(doc);
            result.put(id(f.series(), f.ts()), f);
        }
        return result;
    }

    public static String id(String series, long ts) {
        return series + "@" + ts;
    }

    private static Feedback toFeedback(Document doc) {
        return new Feedback(doc.getString("series"), doc.getDate("ts").getTime(),
                Verdict.valueOf(doc.getString("verdict")), doc.getString("by"),
                ((Number) doc.get("version")).longValue());
    }
}
