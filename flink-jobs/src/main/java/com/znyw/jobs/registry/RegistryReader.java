package com.znyw.jobs.registry;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.znyw.core.kpi.KpiConfigRead;
import com.znyw.core.kpi.KpiConfigRepository;
import com.znyw.jobs.detection.SeriesSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls {@code kpi_configs} for documents changed since the cursor and emits their
 * {@link SeriesSettings}.
 *
 * <p>A single scheduler thread does the MongoDB reads and fills a queue. The task thread drains
 * the queue in {@link #pollNext} and advances the checkpointed cursor only over settings it has
 * emitted. Each version of a series is emitted once per reader lifetime. An invalid document is
 * logged once per {@code updatedAt} with the field and value that failed, and nothing is
 * emitted for it, so the detection job keeps the last valid settings.
 *
 * <p>A deleted configuration, which the repository records with its time, is emitted as
 * {@link SeriesSettings#removal removal} settings in its place by time, so the detection job
 * returns the series to its defaults. A configuration created again after its deletion starts
 * from version 1 and is emitted because it is newer than the deletion.
 */
final class RegistryReader implements SourceReader<SeriesSettings, RegistrySplit> {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryReader.class);

    private record Change(SeriesSettings settings, long updatedAtMs) {
    }

    /** The last emitted change of a series: a configuration version or a deletion. */
    private record Emitted(long updatedAtMs, long version, boolean deletion) {
    }

    private final SourceReaderContext context;
    private final String mongoUri;
    private final String database;
    private final long pollIntervalMs;
    private final long lookbackMs;

    private final Queue<Change> ready = new ConcurrentLinkedQueue<>();
    private final Object availabilityLock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();

    private ScheduledExecutorService scheduler;
    private MongoClient client;
    private KpiConfigRepository repository;
    private boolean hasSplit;
    /** Newest updatedAt emitted; task thread only. */
    private long emittedCursorMs;

    // Scheduler thread only.
    private long queryCursorMs;
    private final Map<String, Emitted> emitted = new HashMap<>();
    private final Set<String> rejectedDocuments = new HashSet<>();

    private Counter invalidConfigs;
    private Counter settingsEmitted;

    RegistryReader(SourceReaderContext context, String mongoUri, String database,
            long pollIntervalMs, long lookbackMs) {
        this.context = context;
        this.mongoUri = mongoUri;
        this.database = database;
        this.pollIntervalMs = pollIntervalMs;
        this.lookbackMs = lookbackMs;
    }

    @Override
    public void start() {
        invalidConfigs = context.metricGroup().counter("invalidConfigs");
        settingsEmitted = context.metricGroup().counter("settingsEmitted");
        client = MongoClients.create(mongoUri);
        repository = new KpiConfigRepository(client.getDatabase(database));
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kpi-config-poll");
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("KPI config source started database={} pollIntervalMs={}", database,
                pollIntervalMs);
    }

    @Override
    public void addSplits(List<RegistrySplit> splits) {
        if (hasSplit || splits.isEmpty()) {
            return;
        }
        hasSplit = true;
        emittedCursorMs = splits.get(0).cursorMs();
        long startCursorMs = emittedCursorMs;
        scheduler.execute(() -> queryCursorMs = startCursorMs);
        scheduler.scheduleWithFixedDelay(this::pollRegistry, 0, pollIntervalMs,
                TimeUnit.MILLISECONDS);
        LOG.info("KPI config source polling from updatedAt {}", Instant.ofEpochMilli(startCursorMs));
    }

    private void pollRegistry() {
        Instant since = Instant.ofEpochMilli(Math.max(0, queryCursorMs - lookbackMs));
        try {
            repository.readChangedSince(since, this::handle);
        } catch (RuntimeException e) {
            // One line per failed poll: the next poll is the retry, and a store that is briefly
            // unavailable would otherwise fill the console with stack traces.
            LOG.warn("Reading KPI configurations changed since {} failed; retrying in {} ms: {}",
                    since, pollIntervalMs, e.toString());
            LOG.debug("Failed read of KPI configurations changed since {}", since, e);
        }
        if (!ready.isEmpty()) {
            synchronized (availabilityLock) {
                available.complete(null);
            }
        }
    }

    private void handle(KpiConfigRead read) {
        if (read.updatedAt() != null) {
            queryCursorMs = Math.max(queryCursorMs, read.updatedAt().toEpochMilli());
        }
        if (!read.valid()) {
            String documentKey = read.id() + "@" + read.updatedAt();
            if (rejectedDocuments.add(documentKey)) {
                invalidConfigs.inc();
                LOG.warn("Rejected invalid KPI configuration id={} series={}: {}; the detection"
                        + " job keeps the last valid settings", read.id(), read.series(),
                        read.error().getMessage());
            }
            return;
        }
        SeriesSettings settings = read.deleted()
                ? SeriesSettings.removal(read.series(), read.deletedVersion())
                : SeriesSettingsMapper.toSettings(read.config());
        long updatedAtMs = read.updatedAt().toEpochMilli();
        if (!isNewer(emitted.get(settings.series), updatedAtMs, settings.version, read.deleted())) {
            return;
        }
        emitted.put(settings.series, new Emitted(updatedAtMs, settings.version, read.deleted()));
        ready.add(new Change(settings, updatedAtMs));
    }

    /**
     * Tells whether a read follows what was last emitted for its series. Within one life of a
     * configuration the version decides, and a deletion must also not be older than the last
     * version. After a deletion only something newer in time counts, because a configuration
     * created again starts from version 1. This also keeps an old deletion, read again in the
     * lookback, from removing the configuration created after it.
     */
    private static boolean isNewer(Emitted previous, long updatedAtMs, long version,
            boolean deletion) {
        if (previous == null) {
            return true;
        }
        if (previous.deletion()) {
            return updatedAtMs > previous.updatedAtMs();
        }
        if (deletion) {
            return updatedAtMs >= previous.updatedAtMs() && version > previous.version();
        }
        return version > previous.version();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<SeriesSettings> output) {
        Change change = ready.poll();
        if (change == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        output.collect(change.settings());
        settingsEmitted.inc();
        emittedCursorMs = Math.max(emittedCursorMs, change.updatedAtMs());
        return ready.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (availabilityLock) {
            if (!ready.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    @Override
    public List<RegistrySplit> snapshotState(long checkpointId) {
        return hasSplit ? List.of(new RegistrySplit(emittedCursorMs)) : List.of();
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (client != null) {
            client.close();
        }
        LOG.info("KPI config source stopped database={}", database);
    }
}
