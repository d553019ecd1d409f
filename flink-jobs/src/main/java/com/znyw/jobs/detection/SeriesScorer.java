package com.znyw.jobs.detection;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.jobs.util.LruCache;
import com.znyw.ml.detect.Detection;
import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.Detectors;
import com.znyw.ml.detect.StreamingDetector;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the points of each series in event-time order with that series' ensemble detector.
 *
 * <p>Points wait in keyed state until the watermark passes them, so points that arrive out of
 * order within the watermark's bound are scored in order. Once a point has waited
 * {@code maxBufferDelayMs} of processing time (rounded up to the next whole second), everything
 * pending for its series is scored, so an idle stream still produces results. A point is late, and
 * goes to the {@link #LATE} side output instead of the model, when it is older than the last point
 * already scored for its series or more than the allowed lateness behind the watermark. The
 * detector is a streaming model and cannot go back in time.
 *
 * <p>The broadcast side carries {@link SeriesSettings}: a disabled series is not scored, a
 * changed sensitivity applies from the next point on, and a deleted configuration returns the
 * series to the job's defaults.
 *
 * <p>Per series the state is the detector and one {@link PendingPoints} value: the pending points
 * sorted by timestamp, the last scored timestamp and marks of the registered timers. A series has
 * at most one event-time timer that matters, at its earliest pending point: a new timer is
 * registered only for a point earlier than that one, and after each firing for the new earliest
 * point. A processing-time flush timer is registered only when none is pending for the series. So
 * an in-order point costs a constant number of state operations, and a timer scores every point
 * the watermark has passed at once. Timers left behind by an earlier mark fire and find nothing
 * to score.
 *
 * <p>NOTE: this state layout (one {@code pending-points} value per series) replaced a
 * {@code MapState} of pending points, a {@code last-scored-ts} value and one timer per point.
 * Savepoints taken before that change cannot be restored; there was no production state yet.
 */
public class SeriesScorer
        extends KeyedBroadcastProcessFunction<String, IngestedRecord, SeriesSettings, ScoredPoint> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SeriesScorer.class);

    /** Valid points that came too late to be scored. */
    public static final OutputTag<IngestedRecord> LATE =
            new OutputTag<>("late-points", Types.POJO(IngestedRecord.class));

    /** Broadcast state: series key to its live settings. */
    public static final MapStateDescriptor<String, SeriesSettings> SETTINGS =
            new MapStateDescriptor<>("series-settings", Types.STRING,
                    Types.POJO(SeriesSettings.class));

    /** Model version reported for the self-learning online ensemble. */
    static final String ONLINE_MODEL_VERSION = "online";

    private static final int MAX_CACHED_KEYS = 50_000;

    private final double defaultSensitivity;
    private final long allowedLatenessMs;
    private final long maxBufferDelayMs;

    private transient ValueState<StreamingDetector> detector;
    private transient ValueState<PendingPoints> pending;
    /** Parsed keys of recently scored series, so a key is not parsed again for every point. */
    private transient Map<String, SeriesKey> keys;
    /** Sensitivity last applied to each series' detector; rebuilt lazily after a restore. */
    private transient Map<String, Double> appliedSensitivity;

    private transient Counter scoredPoints;
    private transient Counter anomalies;
    private transient Counter latePoints;
    private transient Counter disabledPoints;
    private transient Counter duplicatePoints;

    public SeriesScorer(double defaultSensitivity, long allowedLatenessMs, long maxBufferDelayMs) {
        new DetectorConfig(defaultSensitivity);
        this.defaultSensitivity = defaultSensitivity;
        this.allowedLatenessMs = allowedLatenessMs;
        this.maxBufferDelayMs = maxBufferDelayMs;
    }

    @Override
    public void open(Configuration parameters) {
        detector = getRuntimeContext().getState(
                new ValueStateDescriptor<>("detector", DetectorSerializer.INSTANCE));
        pending = getRuntimeContext().getState(
                new ValueStateDescriptor<>("pending-points", PendingPointsSerializer.INSTANCE));
        appliedSensitivity = new HashMap<>();
        keys = new LruCache<>(MAX_CACHED_KEYS);

        scoredPoints = getRuntimeContext().getMetricGroup().counter("scoredPoints");
        anomalies = getRuntimeContext().getMetricGroup().counter("anomalies");
        latePoints = getRuntimeContext().getMetricGroup().counter("latePoints");
        disabledPoints = getRuntimeContext().getMetricGroup().counter("disabledPoints");
        duplicatePoints = getRuntimeContext().getMetricGroup().counter("duplicatePoints");
    }

    @Override
    public void processElement(IngestedRecord point, ReadOnlyContext ctx,
                               Collector<ScoredPoint> out) throws Exception {
        PendingPoints buffer = pending.value();
        if (buffer == null) {
            buffer = new PendingPoints();
        }
        long last = buffer.lastScoredTs;
        long watermark = ctx.timerService().currentWatermark();
        boolean behindSeries = last != PendingPoints.NONE && point.ts <= last;
        // The first condition keeps the subtraction from overflowing for an early watermark. The
        // maximum watermark means the input has ended, which makes no point late.
        boolean beyondLateness = watermark > Long.MIN_VALUE + allowedLatenessMs
                && watermark != Long.MAX_VALUE
                && point.ts < watermark - allowedLatenessMs;
        if (behindSeries || beyondLateness) {
            latePoints.inc();
            IngestedRecord late = IngestedRecord.point(point.series, point.kpi, point.ts, point.value);
            late.error = behindSeries
                    ? "older than the last scored point of its series at " + last
                    : "more than " + allowedLatenessMs + " ms behind the watermark " + watermark;
            ctx.output(LATE, late);
            return;
        }

        if (!buffer.add(point.ts, point.value)) {
            // The same timestamp twice in one series: the later value replaced the earlier one.
            duplicatePoints.inc();
        }
        if (buffer.eventTimerTs == PendingPoints.NONE || point.ts < buffer.eventTimerTs) {
            ctx.timerService().registerEventTimeTimer(point.ts);
            buffer.eventTimerTs = point.ts;
        }
        if (buffer.flushTimerTs == PendingPoints.NONE) {
            long now = ctx.timerService().currentProcessingTime();
            // Rounded up to whole seconds, so that the flushes of many series share a timestamp.
            buffer.flushTimerTs = ((now + maxBufferDelayMs) / 1000 + 1) * 1000;
            ctx.timerService().registerProcessingTimeTimer(buffer.flushTimerTs);
        }
        pending.update(buffer);
    }

    @Override
    public void processBroadcastElement(SeriesSettings settings, Context ctx,
                                        Collector<ScoredPoint> out) throws Exception {
        if (settings.series == null) {
            LOG.warn("Ignoring series settings without a series key: {}", settings);
            return;
        }
        if (settings.removed) {
            // The registry reports deletions in order, so no version check is needed, and a
            // configuration created again afterwards starts from version 1.
            ctx.getBroadcastState(SETTINGS).remove(settings.series);
            LOG.info("Series {} returns to the default settings: its configuration was deleted",
                    settings.series);
            return;
        }
        try {
            new DetectorConfig(settings.sensitivity);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring settings version {} of series {}: {}; keeping the previous ones",
                    settings.version, settings.series, e.getMessage());
            return;
        }
        BroadcastState<String, SeriesSettings> state = ctx.getBroadcastState(SETTINGS);
        SeriesSettings current = state.get(settings.series);
        if (current != null && current.version > settings.version) {
            return;
        }
        state.put(settings.series, settings);
        LOG.debug("Applied settings {}", settings);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoredPoint> out)
            throws Exception {
        PendingPoints buffer = pending.value();
        if (buffer == null) {
            return;
        }
        // An event-time timer scores what the watermark has passed; the processing-time timer
        // flushes everything pending.
        long upTo;
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            upTo = ctx.timerService().currentWatermark();
            if (timestamp >= buffer.eventTimerTs) {
                // The marked timer is firing. An older, superseded timer leaves the mark alone.
                buffer.eventTimerTs = PendingPoints.NONE;
            }
        } else {
            upTo = Long.MAX_VALUE;
            if (timestamp >= buffer.flushTimerTs) {
                buffer.flushTimerTs = PendingPoints.NONE;
            }
        }

        if (!buffer.isEmpty() && buffer.firstTs() <= upTo) {
            scoreDue(ctx.getCurrentKey(), ctx.getBroadcastState(SETTINGS), buffer, upTo, out);
        }

        // Whatever is left waits for a timer at its earliest point, unless one is already marked.
        if (!buffer.isEmpty() && (buffer.eventTimerTs == PendingPoints.NONE
                || buffer.firstTs() < buffer.eventTimerTs)) {
            buffer.eventTimerTs = buffer.firstTs();
            ctx.timerService().registerEventTimeTimer(buffer.eventTimerTs);
        }
        pending.update(buffer);
    }

    /** Scores the pending points up to {@code upTo} in timestamp order and removes them. */
    private void scoreDue(String series, ReadOnlyBroadcastState<String, SeriesSettings> settingsState,
                          PendingPoints buffer, long upTo, Collector<ScoredPoint> out)
            throws Exception {
        SeriesSettings settings = settingsState.get(series);
        if (settings != null && !settings.enabled) {
            while (!buffer.isEmpty() && buffer.firstTs() <= upTo) {
                disabledPoints.inc();
                buffer.removeFirst();
            }
            return;
        }

        StreamingDetector model = modelFor(series, settings);
        long lastTs = buffer.lastScoredTs;
        while (!buffer.isEmpty() && buffer.firstTs() <= upTo) {
            lastTs = buffer.firstTs();
            score(series, model, lastTs, buffer.firstValue(), out);
            buffer.removeFirst();
        }
        buffer.lastScoredTs = lastTs;
        detector.update(model);
    }

    /** Returns the series' detector, created or reconfigured for its current sensitivity. */
    private StreamingDetector modelFor(String series, SeriesSettings settings) throws Exception {
        double sensitivity = settings == null ? defaultSensitivity : settings.sensitivity;
        StreamingDetector model = detector.value();
        if (model == null) {
            model = Detectors.newEnsemble(new DetectorConfig(sensitivity));
            appliedSensitivity.put(series, sensitivity);
        } else if (!Double.valueOf(sensitivity).equals(appliedSensitivity.get(series))) {
            model.reconfigure(new DetectorConfig(sensitivity));
            appliedSensitivity.put(series, sensitivity);
        }
        return model;
    }

    private void score(String series, StreamingDetector model, long ts, double value,
                       Collector<ScoredPoint> out) {
        Detection detection = model.update(ts, value);
        scoredPoints.inc();
        if (detection.anomaly()) {
            anomalies.inc();
        }
        out.collect(toScoredPoint(keys.computeIfAbsent(series, SeriesKey::parse), ts, value, detection));
    }

    /**
     * Creates the result of one point. Its {@code tags} is the series key's unmodifiable map,
     * shared by every point of the series instead of copied for each.
     */
    @VisibleForTesting
    static ScoredPoint toScoredPoint(SeriesKey key, long ts, double value, Detection detection) {
        ScoredPoint point = new ScoredPoint();
        point.series = key.toString();
        point.kpi = key.kpi();
        point.tags = key.tags();
        point.ts = ts;
        point.value = value;
        point.expected = detection.expected();
        point.lower = detection.lower();
        point.upper = detection.upper();
        point.score = detection.score();
        point.anomaly = detection.anomaly();
        point.detector = detection.detector();
        point.modelVersion = ONLINE_MODEL_VERSION;
        return point;
    }
}
