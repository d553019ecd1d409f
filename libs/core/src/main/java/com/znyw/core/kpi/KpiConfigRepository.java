package com.znyw.core.kpi;

import static com.znyw.core.kpi.KpiConfigCodec.*;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KPI registry: the {@code kpi_configs} collection of {@link KpiConfig} documents.
 *
 * <p>Operators' edits go through {@link #update(KpiConfig)} with optimistic locking on
 * {@code version}. The discovery job writes through {@link #recordObservations} and
 * {@link #markOverdueSilent}, which are idempotent: replaying the same observations registers
 * nothing twice and raises no second transition. Works on MongoDB 4.2+ and mongo-java-server
 * 1.47, and uses no transactions. Thread-safe, like the driver's {@link MongoCollection}.
 */
public class KpiConfigRepository {

    /** Collection name in database {@code znyw}. */
    public static final String COLLECTION = "kpi_configs";
    /**
     * Collection of the latest deletion of each series' configuration ({@code series},
     * {@code version} after the deleted one, {@code updatedAt} of the deletion), so that
     * {@link #readChangedSince} reports deletes as well as changes.
     */
    public static final String DELETIONS_COLLECTION = "kpi_config_deletions";

    private static final Logger LOG = LoggerFactory.getLogger(KpiConfigRepository.class);

    private final MongoCollection<Document> collection;
    private final MongoCollection<Document> deletions;
    private final Clock clock;

    public KpiConfigRepository(MongoDatabase database) {
        this(database, Clock.systemUTC());
    }

    /** Creates a repository whose {@code createdAt}, {@code updatedAt} and state times come from {@code clock}. */
    public KpiConfigRepository(MongoDatabase database, Clock clock) {
        this.collection = database.getCollection(COLLECTION);
        this.deletions = database.getCollection(DELETIONS_COLLECTION);
        this.clock = clock;
    }

    /**
     * Creates the indexes if missing: unique on {@code series}, and on {@code kpi},
     * {@code tagPairs}, {@code state}+{@code lastSeen} and {@code updatedAt}.
     */
    public void createIndexes() {
        collection.createIndex(Indexes.ascending(SERIES), new IndexOptions().unique(true));
        collection.createIndex(Indexes.ascending(KPI));
        collection.createIndex(Indexes.ascending(TAG_PAIRS));
        collection.createIndex(Indexes.ascending(STATE, LAST_SEEN));
        collection.createIndex(Indexes.ascending(UPDATED_AT));
        deletions.createIndex(Indexes.ascending(SERIES), new IndexOptions().unique(true));
        deletions.createIndex(Indexes.ascending(UPDATED_AT));
    }

    /**
     * Returns the configuration of a series.
     *
     * @throws InvalidKpiConfigException if the stored document is invalid
     */
    public Optional<KpiConfig> find(String series) {
        Document document = collection.find(Filters.eq(SERIES, series)).first();
        return Optional.ofNullable(document).map(KpiConfigCodec::fromDocument);
    }

    /**
     * Returns one page of configurations matching the query's filters, in its sort order.
     *
     * @throws InvalidKpiConfigException if a stored document on the page is invalid
     */
    public List<KpiConfig> list(KpiConfigQuery query) {
        Bson sortField = query.descending()
                ? Sorts.descending(query.sortBy().field())
                : Sorts.ascending(query.sortBy().field());
        Bson sort = query.sortBy() == KpiConfigQuery.SortField.SERIES
                ? sortField
                : Sorts.orderBy(sortField, Sorts.ascending(SERIES));
        List<KpiConfig> page = new ArrayList<>();
        for (Document document : collection.find(filter(query)).sort(sort)
                .skip(query.offset()).limit(query.limit())) {
            page.add(KpiConfigCodec.fromDocument(document));
        }
        return page;
    }

    /** Counts the configurations matching the query's filters; paging is ignored. */
    public long count(KpiConfigQuery query) {
        return collection.countDocuments(filter(query));
    }

    private static Bson filter(KpiConfigQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.kpi() != null) {
            filters.add(Filters.eq(KPI, query.kpi()));
        }
        if (query.tag() != null) {
            filters.add(Filters.eq(TAG_PAIRS, query.tag()));
        }
        if (query.state() != null) {
            filters.add(Filters.eq(STATE, query.state().name()));
        }
        if (query.enabled() != null) {
            filters.add(Filters.eq(ENABLED, query.enabled()));
        }
        if (query.owner() != null) {
            filters.add(Filters.eq(OWNER, query.owner()));
        }
        if (query.seriesContains() != null && !query.seriesContains().isEmpty()) {
            filters.add(Filters.regex(SERIES, Pattern.quote(query.seriesContains()), "i"));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    /**
     * Inserts the configuration unless one exists for its series. {@code createdAt} and
     * {@code updatedAt} are set to now and {@code version} to 1.
     *
     * @return true if inserted, false if the series was already registered
     * @throws InvalidKpiConfigException if the configuration is invalid
     */
    public boolean insertIfAbsent(KpiConfig config) {
        Instant now = clock.instant();
        KpiConfig stored = new KpiConfig(config.series(), config.kpi(), config.tags(),
                config.displayName(), config.unit(), config.owner(), config.enabled(),
                config.sensitivity(), config.detector(), config.expectedIntervalMs(),
                config.firstSeen(), config.lastSeen(), config.state(), now, 1, now, now);
        KpiConfigValidator.validate(stored);
        Document fields = KpiConfigCodec.toDocument(stored);
        fields.remove(SERIES);
        try {
            UpdateResult result = collection.updateOne(Filters.eq(SERIES, stored.series()),
                    new Document("$setOnInsert", fields), new UpdateOptions().upsert(true));
            boolean inserted = result.getUpsertedId() != null;
            LOG.debug("insertIfAbsent series={} inserted={}", stored.series(), inserted);
            return inserted;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                // A concurrent writer inserted the same series between our match and insert.
                return false;
            }
            throw e;
        }
    }

    /**
     * Saves the operator-editable fields of {@code changed} (display name, unit, owner, enabled,
     * sensitivity, detector, expected interval) if the stored version still equals
     * {@code changed.version()}, then increments the version and sets {@code updatedAt}.
     * Identity, observations and state are not touched.
     *
     * @return the stored configuration after the update
     * @throws InvalidKpiConfigException if a field is invalid
     * @throws VersionConflictException if someone else saved a newer version first
     * @throws KpiConfigNotFoundException if the series has no configuration
     */
    public KpiConfig update(KpiConfig changed) {
        KpiConfigValidator.validate(changed);
        Document detector = (Document) KpiConfigCodec.toDocument(changed).get(DETECTOR);
        Bson update = Updates.combine(
                Updates.set(DISPLAY_NAME, changed.displayName()),
                Updates.set(UNIT, changed.unit()),
                Updates.set(OWNER, changed.owner()),
                Updates.set(ENABLED, changed.enabled()),
                Updates.set(SENSITIVITY, changed.sensitivity()),
                Updates.set(DETECTOR, detector),
                Updates.set(EXPECTED_INTERVAL_MS, changed.expectedIntervalMs()));
        return applyVersioned(changed.series(), changed.version(), update);
    }

    /**
     * Sets the state to {@code RETIRED}, an operator's decision that the series is gone; a
     * configuration change, so the version is checked and incremented.
     *
     * @throws VersionConflictException if the stored version is not {@code expectedVersion}
     * @throws KpiConfigNotFoundException if the series has no configuration
     */
    public KpiConfig retire(String series, long expectedVersion) {
        Date now = Date.from(clock.instant());
        return applyVersioned(series, expectedVersion, Updates.combine(
                Updates.set(STATE, KpiState.RETIRED.name()), Updates.set(STATE_CHANGED_AT, now)));
    }

    /**
     * Sets a retired series back to {@code ACTIVE}; silence detection applies to it again.
     *
     * @throws VersionConflictException if the stored version is not {@code expectedVersion}
     * @throws KpiConfigNotFoundException if the series has no configuration
     */
    public KpiConfig reactivate(String series, long expectedVersion) {
        Date now = Date.from(clock.instant());
        return applyVersioned(series, expectedVersion, Updates.combine(
                Updates.set(STATE, KpiState.ACTIVE.name()), Updates.set(STATE_CHANGED_AT, now)));
    }

    /**
     * Deletes the configuration if its version is still {@code expectedVersion}. Discovery
     * registers the series again with defaults if it keeps reporting.
     *
     * @throws VersionConflictException if the stored version differs
     * @throws KpiConfigNotFoundException if the series has no configuration
     */
    public void delete(String series, long expectedVersion) {
        long deleted = collection.deleteOne(Filters.and(Filters.eq(SERIES, series),
                Filters.eq(VERSION, expectedVersion))).getDeletedCount();
        if (deleted == 0) {
            throw conflictOrMissing(series, expectedVersion);
        }
        // The deletion record lets readers of changes, such as the detection job, see the
        // delete. One record per series is kept, the latest.
        // NOTE: the two writes are not one transaction, because mongo-java-server has none. If
        // the process dies between them, readers never see this delete.
        deletions.updateOne(Filters.eq(SERIES, series), Updates.combine(
                        Updates.set(VERSION, expectedVersion + 1),
                        Updates.set(UPDATED_AT, Date.from(clock.instant()))),
                new UpdateOptions().upsert(true));
        LOG.info("Deleted KPI configuration series={} version={}", series, expectedVersion);
    }

    private KpiConfig applyVersioned(String series, long expectedVersion, Bson change) {
        Bson update = Updates.combine(change, Updates.inc(VERSION, 1L),
                Updates.set(UPDATED_AT, Date.from(clock.instant())));
        Document after = collection.findOneAndUpdate(
                Filters.and(Filters.eq(SERIES, series), Filters.eq(VERSION, expectedVersion)),
                update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (after == null) {
            throw conflictOrMissing(series, expectedVersion);
        }
        KpiConfig saved = KpiConfigCodec.fromDocument(after);
        LOG.info("Updated KPI configuration series={} version={}", series, saved.version());
        return saved;
    }

    private RuntimeException conflictOrMissing(String series, long expectedVersion) {
        Document current = collection.find(Filters.eq(SERIES, series))
                .projection(Projections.include(VERSION)).first();
        if (current == null) {
            return new KpiConfigNotFoundException(series);
        }
        Object version = current.get(VERSION);
        long currentVersion = version instanceof Number number ? number.longValue() : -1;
        return new VersionConflictException(series, expectedVersion, currentVersion);
    }

    /**
     * Records what discovery observed: registers unknown series with defaults, widens
     * {@code firstSeen}/{@code lastSeen}, and sets {@code SILENT} series that reported a point
     * newer than their {@code lastSeen} back to {@code ACTIVE}. Idempotent: a replayed
     * observation changes nothing. One bulk write plus one read per call.
     *
     * @throws InvalidKpiConfigException if an observation has an invalid series or interval
     */
    public ObservationResult recordObservations(List<SeriesObservation> observations) {
        if (observations.isEmpty()) {
            return new ObservationResult(List.of(), List.of());
        }
        Instant now = clock.instant();
        Map<String, Document> silentBefore = findSilent(observations);

        List<UpdateOneModel<Document>> writes = new ArrayList<>(observations.size());
        for (SeriesObservation observation : observations) {
            writes.add(observationWrite(observation, now));
        }
        BulkWriteResult result = bulkUpsert(writes);
        List<String> registered = new ArrayList<>();
        for (BulkWriteUpsert upsert : result.getUpserts()) {
            registered.add(observations.get(upsert.getIndex()).series());
        }

        List<KpiConfig> resumed = new ArrayList<>();
        for (SeriesObservation observation : observations) {
            Document silent = silentBefore.get(observation.series());
            Date lastSeen = silent == null ? null : silent.getDate(LAST_SEEN);
            if (silent != null && (lastSeen == null
                    || lastSeen.getTime() < observation.lastSeenMs())) {
                transition(observation.series(), KpiState.SILENT, KpiState.ACTIVE, null, now)
                        .ifPresent(resumed::add);
            }
        }
        return new ObservationResult(registered, resumed);
    }

    /**
     * Returns the observed series that are {@code SILENT}, by series. The filter is only the
     * {@code $in} on {@code series}, and the state is checked here, because mongo-java-server
     * 1.47 uses an index only when the filter names exactly the index's fields: with the state
     * added it scans the whole collection for every batch. MongoDB uses the unique
     * {@code series} index for either form.
     */
    private Map<String, Document> findSilent(List<SeriesObservation> observations) {
        List<String> names = new ArrayList<>(observations.size());
        observations.forEach(observation -> names.add(observation.series()));
        Map<String, Document> silent = new HashMap<>();
        for (Document document : collection.find(Filters.in(SERIES, names))
                .projection(Projections.include(SERIES, STATE, LAST_SEEN))) {
            if (KpiState.SILENT.name().equals(document.getString(STATE))) {
                silent.put(document.getString(SERIES), document);
            }
        }
        return silent;
    }

    private static UpdateOneModel<Document> observationWrite(SeriesObservation observation,
            Instant now) {
        KpiConfig defaults = KpiConfig.withDefaults(
                com.znyw.core.model.SeriesKey.parse(observation.series()),
                observation.intervalMs(), Instant.ofEpochMilli(observation.firstSeenMs()),
                Instant.ofEpochMilli(observation.lastSeenMs()), now);
        KpiConfigValidator.validate(defaults);
        Document onInsert = KpiConfigCodec.toDocument(defaults);
        // These fields are set by the filter or by $min/$max below; MongoDB rejects an update
        // that names one field in two operators.
        onInsert.remove(SERIES);
        onInsert.remove(FIRST_SEEN);
        onInsert.remove(LAST_SEEN);
        Bson update = Updates.combine(
                new Document("$setOnInsert", onInsert),
                Updates.min(FIRST_SEEN, new Date(observation.firstSeenMs())),
                Updates.max(LAST_SEEN, new Date(observation.lastSeenMs())));
        return new UpdateOneModel<>(Filters.eq(SERIES, observation.series()), update,
                new UpdateOptions().upsert(true));
    }

    private BulkWriteResult bulkUpsert(List<UpdateOneModel<Document>> writes) {
        try {
            return collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode())
                            == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
            // Another writer inserted some of the same series concurrently; the retry matches
            // those documents instead of inserting them.
            LOG.warn("Retrying {} observation writes after {} duplicate-key races",
                    writes.size(), e.getWriteErrors().size());
            return collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /**
     * Sets {@code SILENT} every {@code ACTIVE} series whose latest point is older than
     * {@code missedIntervals} expected intervals before {@code now}, and returns them.
     * Series never observed ({@code lastSeen} missing) and {@code RETIRED} series are skipped.
     *
     * @param now the current event time, such as the discovery job's watermark
     * @param missedIntervals number of expected intervals without a point, 1 or more
     */
    public List<KpiConfig> markOverdueSilent(Instant now, int missedIntervals) {
        if (missedIntervals < 1) {
            throw new IllegalArgumentException("invalid missedIntervals " + missedIntervals
                    + ": use 1 or more");
        }
        Date cutoff = Date.from(now);
        // lastSeen + expectedIntervalMs * missedIntervals < now; the plain lastSeen range lets
        // the {state, lastSeen} index discard recently seen series first.
        Bson overdue = Filters.expr(new Document("$lt", List.of(
                new Document("$add", List.of("$" + LAST_SEEN, new Document("$multiply",
                        List.of("$" + EXPECTED_INTERVAL_MS, (long) missedIntervals)))),
                cutoff)));
        Bson candidates = Filters.and(Filters.eq(STATE, KpiState.ACTIVE.name()),
                Filters.lt(LAST_SEEN, new Date(now.toEpochMilli()
                        - KpiConfigValidator.MIN_EXPECTED_INTERVAL_MS * missedIntervals)),
                overdue);
        List<Document> found = collection.find(candidates)
                .projection(Projections.include(SERIES, LAST_SEEN)).into(new ArrayList<>());
        Instant changedAt = clock.instant();
        List<KpiConfig> silenced = new ArrayList<>();
        for (Document document : found) {
            transition(document.getString(SERIES), KpiState.ACTIVE, KpiState.SILENT,
                    document.getDate(LAST_SEEN), changedAt).ifPresent(silenced::add);
        }
        return silenced;
    }

    /**
     * Moves one series from {@code from} to {@code to} if it is still in {@code from} (and, when
     * given, still has that {@code lastSeen}), so concurrent or replayed calls transition once.
     */
    private Optional<KpiConfig> transition(String series, KpiState from, KpiState to,
            Date expectedLastSeen, Instant changedAt) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq(SERIES, series),
                Filters.eq(STATE, from.name())));
        if (expectedLastSeen != null) {
            filters.add(Filters.eq(LAST_SEEN, expectedLastSeen));
        }
        Document after = collection.findOneAndUpdate(Filters.and(filters),
                Updates.combine(Updates.set(STATE, to.name()),
                        Updates.set(STATE_CHANGED_AT, Date.from(changedAt))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (after == null) {
            LOG.debug("No transition series={} from={} to={}: state or lastSeen changed",
                    series, from, to);
            return Optional.empty();
        }
        LOG.info("Series state changed series={} from={} to={}", series, from, to);
        return Optional.of(KpiConfigCodec.fromDocument(after));
    }

    /**
     * Streams every document whose {@code updatedAt} is at or after {@code since}, oldest first,
     * to {@code consumer}, each either as a valid configuration or with its validation error, and
     * every deletion at or after {@code since} in its place by time.
     */
    public void readChangedSince(Instant since, Consumer<KpiConfigRead> consumer) {
        Bson changed = Filters.gte(UPDATED_AT, Date.from(since));
        // Deletions since then are few, so they are read into memory and merged into the
        // configurations by time. A deletion comes before a configuration of the same time,
        // because a configuration of its series at that time can only be one created again.
        Deque<KpiConfigRead> pendingDeletions = new ArrayDeque<>();
        for (Document document : deletions.find(changed).sort(Sorts.ascending(UPDATED_AT))) {
            pendingDeletions.add(readDeletion(document));
        }
        for (Document document : collection.find(changed).sort(Sorts.ascending(UPDATED_AT))) {
            KpiConfigRead read = read(document);
            while (!pendingDeletions.isEmpty() && read.updatedAt() != null
                    && !pendingDeletions.peek().updatedAt().isAfter(read.updatedAt())) {
                consumer.accept(pendingDeletions.poll());
            }
            consumer.accept(read);
        }
        pendingDeletions.forEach(consumer);
    }

    private static KpiConfigRead read(Document document) {
        String id = String.valueOf(document.get("_id"));
        String series = document.get(SERIES) instanceof String text ? text : null;
        Instant updatedAt = updatedAt(document);
        try {
            return KpiConfigRead.of(id, KpiConfigCodec.fromDocument(document), updatedAt);
        } catch (InvalidKpiConfigException e) {
            return KpiConfigRead.rejected(id, series, updatedAt, e);
        }
    }

    private static KpiConfigRead readDeletion(Document document) {
        Object version = document.get(VERSION);
        return KpiConfigRead.deletion(String.valueOf(document.get("_id")),
                document.getString(SERIES), updatedAt(document),
                version instanceof Number number ? number.longValue() : 1);
    }

    private static Instant updatedAt(Document document) {
        return document.get(UPDATED_AT) instanceof Date date ? date.toInstant() : null;
    }
}
