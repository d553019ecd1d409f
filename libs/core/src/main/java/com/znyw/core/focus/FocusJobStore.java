package com.znyw.core.focus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;

/**
 * The MongoDB collection {@code focus_jobs}: one document per analysis, written by the console
 * when it accepts an upload and by the Flink job as it runs.
 *
 * <p>Status changes are conditional updates, so they never move a job backwards: a job that
 * already failed (for example on a bad row) cannot later be marked succeeded by a task that
 * finishes after it, and a deleted job stays deleted. Every change sets {@code updatedAt} and
 * increments {@code version}.
 */
public final class FocusJobStore {

    public static final String COLLECTION = "focus_jobs";
    private static final Logger LOG = LoggerFactory.getLogger(FocusJobStore.class);

    private final MongoCollection<Document> collection;
    private final Clock clock;

    public FocusJobStore(MongoDatabase database) {
        this(database, Clock.systemUTC());
    }

    public FocusJobStore(MongoDatabase database, Clock clock) {
        this.collection = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    public void createIndexes() {
        collection.createIndex(Indexes.descending(FocusJobCodec.CREATED_AT));
        collection.createIndex(Indexes.ascending(FocusJobCodec.STATUS));
    }

    /** Inserts a new job; the id must be new. */
    public void insert(FocusJob job) {
        collection.insertOne(FocusJobCodec.toDocument(job));
        LOG.info("Created Focus job id={} file={} size={}", job.id(), job.fileName(),
                job.fileSize());
    }

    public Optional<FocusJob> find(String id) {
        Document document = collection.find(Filters.eq(FocusJobCodec.ID, id)).first();
        return Optional.ofNullable(document).map(FocusJobCodec::fromDocument);
    }

    /** Returns the newest jobs first, without their results, at most {@code limit}. */
    public List<FocusJob> listRecent(int limit) {
        List<FocusJob> jobs = new ArrayList<>();
        collection.find()
                .projection(new Document(FocusJobCodec.RESULT, 0))
                .sort(Sorts.descending(FocusJobCodec.CREATED_AT))
                .limit(limit)
                .forEach(document -> jobs.add(FocusJobCodec.fromDocument(document)));
        return jobs;
    }

    /** Records the Flink job id of a submitted job; returns false when the job is gone. */
    public boolean setFlinkJobId(String id, String flinkJobId) {
        return update(Filters.eq(FocusJobCodec.ID, id),
                Updates.set(FocusJobCodec.FLINK_JOB_ID, flinkJobId));
    }

    /** Moves a queued job to RUNNING; returns false when it is not queued. */
    public boolean markRunning(String id) {
        Instant now = clock.instant();
        boolean changed = update(
                Filters.and(Filters.eq(FocusJobCodec.ID, id),
                        Filters.eq(FocusJobCodec.STATUS, FocusJobStatus.QUEUED.name())),
                Updates.combine(Updates.set(FocusJobCodec.STATUS, FocusJobStatus.RUNNING.name()),
                        Updates.set(FocusJobCodec.PHASE, "reading"),
                        Updates.set(FocusJobCodec.STARTED_AT, FocusJobCodec.date(now))));
        if (changed) {
            LOG.info("Focus job id={} is running", id);
        }
        return changed;
    }

    /** Sets the progress of a running job; returns false when it is not running. */
    public boolean updateProgress(String id, double progress, String phase) {
        return update(
                Filters.and(Filters.eq(FocusJobCodec.ID, id),
                        Filters.eq(FocusJobCodec.STATUS, FocusJobStatus.RUNNING.name())),
                Updates.combine(Updates.set(FocusJobCodec.PROGRESS, clamp(progress)),
                        Updates.set(FocusJobCodec.PHASE, phase)));
    }

    /** Stores the result of a running job; returns false when it is not running any more. */
    public boolean succeed(String id, FocusResult result) {
        boolean changed = update(
                Filters.and(Filters.eq(FocusJobCodec.ID, id),
                        Filters.eq(FocusJobCodec.STATUS, FocusJobStatus.RUNNING.name())),
                Updates.combine(
                        Updates.set(FocusJobCodec.STATUS, FocusJobStatus.SUCCEEDED.name()),
                        Updates.set(FocusJobCodec.PROGRESS, 1.0),
                        Updates.set(FocusJobCodec.PHASE, "done"),
                        Updates.set(FocusJobCodec.FINISHED_AT, FocusJobCodec.date(clock.instant())),
                        Updates.set(FocusJobCodec.RESULT, FocusJobCodec.toDocument(result))));
        LOG.info("Focus job id={} succeeded={} findings={}", id, changed,
                result.findings().size());
        return changed;
    }

    /**
     * Marks a queued or running job FAILED with the reason; returns false when it had already
     * finished. The stored file is kept, so nothing the user uploaded is lost.
     */
    public boolean fail(String id, FocusError error) {
        boolean changed = update(
                Filters.and(Filters.eq(FocusJobCodec.ID, id),
                        Filters.in(FocusJobCodec.STATUS, FocusJobStatus.QUEUED.name(),
                                FocusJobStatus.RUNNING.name())),
                Updates.combine(
                        Updates.set(FocusJobCodec.STATUS, FocusJobStatus.FAILED.name()),
                        Updates.set(FocusJobCodec.PHASE, "failed"),
                        Updates.set(FocusJobCodec.FINISHED_AT, FocusJobCodec.date(clock.instant())),
                        Updates.set(FocusJobCodec.ERROR, FocusJobCodec.toDocument(error))));
        LOG.info("Focus job id={} failed={} key={} line={}", id, changed, error.key(),
                error.line());
        return changed;
    }

    /** Deletes the job's document; returns false when there was none. */
    public boolean delete(String id) {
        boolean deleted = collection.deleteOne(Filters.eq(FocusJobCodec.ID, id)).getDeletedCount() > 0;
        LOG.info("Deleted Focus job id={} found={}", id, deleted);
        return deleted;
    }

    private boolean update(Bson filter, Bson change) {
        UpdateResult result = collection.updateOne(filter, Updates.combine(change,
                Updates.set(FocusJobCodec.UPDATED_AT, FocusJobCodec.date(clock.instant())),
                Updates.inc(FocusJobCodec.VERSION, 1L)));
        return result.getModifiedCount() > 0;
    }

    private static double clamp(double progress) {
        return Math.max(0, Math.min(1, progress));
    }
}
