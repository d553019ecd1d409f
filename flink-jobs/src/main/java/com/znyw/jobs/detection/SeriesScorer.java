package com.znyw.jobs.detection;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.jobs.util.LruCache;
import com.znyw.ml.detect.Detection;
import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.Detectors;
import com.znyw.ml.detect.StreamingDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the points of each series in event-time order with that series' ensemble detector.
 *
 * <p>Points wait in keyed state until the watermark passes them, so points that arrive out of
 * order within the watermark's bound are scored in order. A point also gets scored once it has
 * waited {@code maxBufferDelayMs} of processing time, so an idle stream still produces results.
 * A point is late, and goes to the {@link #LATE} side output instead of the model, when it is
 * older than the last point already scored for its series or more than the allowed lateness
 * behind the watermark. The detector is a streaming model and cannot go back in time.
 *
 * <p>The broadcast side carries {@link SeriesSettings}: a disabled series is not scored, and a
 * changed sensitivity applies from the next point on.
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
    private transient ValueState<Long> lastScoredTs;
    private transient MapState<Long, Double> pending;
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
        lastScoredTs = getRuntimeContext().getState(
                new ValueStateDescriptor<>("last-scored-ts", Types.LONG));
        pending = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending-points", Types.LONG, Types.DOUBLE));
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
        Long last = lastScoredTs.value();
        long watermark = ctx.timerService().currentWatermark();
        boolean behindSeries = last != null && point.ts <= last;
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

        if (pending.contains(point.ts)) {
            // The same timestamp twice in one series: the later value replaces the earlier one.
            duplicatePoints.inc();
        }
        pending.put(point.ts, point.value);
        ctx.timerService().registerEventTimeTimer(point.ts);
        long now = ctx.timerService().currentProcessingTime();
        // Rounded to whole seconds so that a busy series registers one flush timer per second.
        long flushAt = ((now + maxBufferDelayMs) / 1000 + 1) * 1000;
        ctx.timerService().registerProcessingTimeTimer(flushAt);
    }

    @Override
    public void processBroadcastElement(SeriesSettings settings, Context ctx,
                                        Collector<ScoredPoint> out) throws Exception {
        if (settings.series == null) {
            LOG.warn("Ignoring series settings without a series key: {}", settings);
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
        // An event-time timer scores what the watermark has passed; a processing-time timer
        // flushes everything that has waited long enough.
        long upTo = ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME
                ? timestamp : Long.MAX_VALUE;
        List<Long> due = new ArrayList<>();
        for (Iterator<Long> keys = pending.keys().iterator(); keys.hasNext(); ) {
            long ts = keys.next();
            if (ts <= upTo) {
                due.add(ts);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(null);

        String series = ctx.getCurrentKey();
        SeriesSettings settings = ctx.getBroadcastState(SETTINGS).get(series);
        for (long ts : due) {
            double value = pending.get(ts);
            // Scored points leave the buffer, so the event-time timer at ts finds nothing left.
            pending.remove(ts);
            if (settings != null && !settings.enabled) {
                disabledPoints.inc();
                continue;
            }
            score(series, settings, ts, value, out);
        }
    }

    private void score(String series, SeriesSettings settings, long ts, double value,
                       Collector<ScoredPoint> out) throws Exception {
        double sensitivity = settings == null ? defaultSensitivity : settings.sensitivity;
        StreamingDetector model = detector.value();
        if (model == null) {
            model = Detectors.newEnsemble(new DetectorConfig(sensitivity));
            appliedSensitivity.put(series, sensitivity);
        } else if (!Double.valueOf(sensitivity).equals(appliedSensitivity.get(series))) {
            model.reconfigure(new DetectorConfig(sensitivity));
            appliedSensitivity.put(series, sensitivity);
        }

        Detection detection = model.update(ts, value);
        detector.update(model);
        lastScoredTs.update(ts);

        scoredPoints.inc();
        if (detection.anomaly()) {
            anomalies.inc();
        }
        out.collect(toScoredPoint(keys.computeIfAbsent(series, SeriesKey::parse), ts, value, detection));
    }

    @VisibleForTesting
    static ScoredPoint toScoredPoint(SeriesKey key, long ts, double value, Detection detection) {
        ScoredPoint point = new ScoredPoint();
        point.series = key.toString();
        point.kpi = key.kpi();
        point.tags = new HashMap<>(key.tags());
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
