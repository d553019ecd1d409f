package com.znyw.console.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Appends to the {@code audit_log} collection: sign-ins (failed and locked-out ones included),
 * configuration changes, job actions and token changes. Entries are never updated.
 */
@Service
public class AuditService {

    public static final String COLLECTION = "audit_log";
    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);

    private final MongoCollection<Document> log;
    private final Clock clock;

    public AuditService(MongoDatabase database, Clock clock) {
        this.log = database.getCollection(COLLECTION);
        this.clock = clock;
        log.createIndex(Indexes.descending("ts"));
    }

    /**
     * Records one event.
     *
     * @param actor   user name, or the name tried for a failed sign-in
     * @param action  for example {@code login.failed}, {@code kpi.update}
     * @param target  what was acted on (series key, job name, token id), may be null
     * @param outcome {@code ok}, {@code denied} or {@code failed}
     * @param detail  short description without secrets or user data rows
     */
    public void record(String actor, String action, String target, String outcome, String detail) {
        Date now = Date.from(clock.instant());
        Document entry = new Document("ts", now)
                .append("actor", actor)
                .append("action", action)
                .append("target", target)
                .append("outcome", outcome)
                .append("detail", detail)
                .append("createdAt", now)
                .append("updatedAt", now)
                .append("version", 1L);
        try {
            log.insertOne(entry);
        } catch (RuntimeException e) {
            // Auditing must not break the action itself; the log line keeps the event.
            LOG.error("Failed to write audit entry action={} actor={} target={} outcome={}",
                    action, actor, target, outcome, e);
        }
    }

    /** Newest entries first. */
    public List<Document> recent(int limit) {
        return log.find().sort(Sorts.descending("ts")).limit(limit).into(new ArrayList<>());
    }
}
