package com.znyw.jobs.discovery;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.kpi.KpiConfigRepository;
import com.znyw.core.kpi.KpiConfigValidator;
import com.znyw.core.kpi.ObservationResult;
import com.znyw.core.kpi.SeriesObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes window statistics to the KPI registry and decides silence, as the single writer of
 * discovery's registry changes.
 *
 * <p>Runs with parallelism 1 on a stream keyed by one constant, so its keyed state is one list
 * of pending statistics and one timer per window end. Statistics of a window wait in that list
 * until the watermark passes the window end, then go to MongoDB in bulk writes of
 * {@code batchSize}. Only after that does the silence check run, so a series that reported in the
 * window is never declared silent on the stale {@code lastSeen} of a not yet written batch.
 */
@VisibleForTesting
public class RegistrySyncFunction
        extends KeyedProcessFunction<Integer, SeriesWindowStats, KpiEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySyncFunction.class);

    private final String mongoUri;
    private final String database;
    private final int missedIntervals;
    private final long defaultIntervalMs;
    private final int batchSize;

    private transient ListState<SeriesWindowStats> pending;
    private transient MongoClient client;
    private transient KpiConfigRepository repository;
    private transient Counter registered;
    private transient Counter silenced;
    private transient Counter resumed;

    public RegistrySyncFunction(String mongoUri, String database, int missedIntervals,
            long defaultIntervalMs, int batchSize) {
        if (missedIntervals < 1) {
            throw new IllegalArgumentException("invalid missed-intervals " + missedIntervals
                    + ": use 1 or more");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("invalid write-batch-size " + batchSize
                    + ": use 1 or more");
        }
        KpiConfigValidator.checkExpectedInterval(defaultIntervalMs);
        this.mongoUri = mongoUri;
        this.database = database;
        this.missedIntervals = missedIntervals;
        this.defaultIntervalMs = defaultIntervalMs;
        this.batchSize = batchSize;
    }

    @Override
    public void open(Configuration parameters) {
        pending = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-stats", SeriesWindowStats.class));
        client = MongoClients.create(mongoUri);
        repository = new KpiConfigRepository(client.getDatabase(database));
        repository.createIndexes();
        registered = getRuntimeContext().getMetricGroup().counter("seriesRegistered");
        silenced = getRuntimeContext().getMetricGroup().counter("seriesSilenced");
        resumed = getRuntimeContext().getMetricGroup().counter("seriesResumed");
        LOG.info("Registry sync started database={} missedIntervals={} batchSize={}", database,
                missedIntervals, batchSize);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            LOG.info("Registry sync stopped database={}", database);
        }
    }

    @Override
    public void processElement(SeriesWindowStats stats, Context context, Collector<KpiEvent> out)
            throws Exception {
        pending.add(stats);
        // The element's timestamp is its window's last millisecond, so this timer fires once the
        // watermark has passed the window, after every series of that window has arrived.
        context.timerService().registerEventTimeTimer(context.timestamp());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<KpiEvent> out)
            throws Exception {
        long windowEnd = timestamp + 1;
        List<SeriesWindowStats> due = new ArrayList<>();
        List<SeriesWindowStats> later = new ArrayList<>();
        for (SeriesWindowStats stats : pending.get()) {
            (stats.windowEnd <= windowEnd ? due : later).add(stats);
        }
        // Statistics of later windows stay for their own timers.
        pending.update(later);

        for (int from = 0; from < due.size(); from += batchSize) {
            writeBatch(due.subList(from, Math.min(due.size(), from + batchSize)), windowEnd, out);
        }
        for (KpiConfig config : repository.markOverdueSilent(Instant.ofEpochMilli(windowEnd),
                missedIntervals)) {
            silenced.inc();
            out.collect(KpiEvent.of(KpiEvent.SERIES_SILENT, config, windowEnd));
        }
        LOG.debug("Window end {} synced: {} series written", windowEnd, due.size());
    }

    private void writeBatch(List<SeriesWindowStats> batch, long windowEnd,
            Collector<KpiEvent> out) {
        List<SeriesObservation> observations = new ArrayList<>(batch.size());
        for (SeriesWindowStats stats : batch) {
            observations.add(new SeriesObservation(stats.series, stats.firstTs, stats.lastTs,
                    expectedInterval(stats.medianIntervalMs)));
        }
        ObservationResult result = repository.recordObservations(observations);
        registered.inc(result.registered().size());
        if (!result.registered().isEmpty()) {
            LOG.info("Registered {} new series at window end {}, first {}",
                    result.registered().size(), windowEnd, result.registered().get(0));
        }
        for (KpiConfig config : result.resumed()) {
            resumed.inc();
            out.collect(KpiEvent.of(KpiEvent.SERIES_RESUMED, config, windowEnd));
        }
    }

    /** Returns the observed interval clamped to the registry's range, or the default if none. */
    @VisibleForTesting
    long expectedInterval(long medianIntervalMs) {
        if (medianIntervalMs <= 0) {
            return defaultIntervalMs;
        }
        return Math.max(KpiConfigValidator.MIN_EXPECTED_INTERVAL_MS,
                Math.min(KpiConfigValidator.MAX_EXPECTED_INTERVAL_MS, medianIntervalMs));
    }
}
