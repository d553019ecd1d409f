package com.znyw.jobs.discovery;

import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Incremental per-window statistics of one series; the window function adds key and bounds. */
final class SeriesStatsAggregate
        implements AggregateFunction<SeriesPoint, WindowAccumulator, WindowAccumulator> {

    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(SeriesPoint point, WindowAccumulator accumulator) {
        accumulator.add(point.ts, point.value);
        return accumulator;
    }

    @Override
    public WindowAccumulator getResult(WindowAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        a.merge(b);
        return a;
    }

    /**
     * Turns the accumulator of one series and window into {@link SeriesWindowStats}.
     *
     * <p>The median interval of a window with one timestamp is the gap to the series'
     * previous point in an earlier window, kept in per-series state across windows. A series
     * that reports less often than once per window, such as every 5 minutes with 1-minute
     * windows, is therefore registered with its real interval and not with the default, which
     * would mark it {@code SILENT} between any two points. Until that gap is known, a new series
     * whose first window has a single timestamp is held back: it is emitted with the next
     * window it reports in, with {@code firstTs} of its first point. A series that only ever
     * sends one point is not registered.
     *
     * <p>The per-series state expires {@value #STATE_TTL_DAYS} days after its last update, one
     * day more than the longest expected interval the registry accepts.
     */
    static final class ToStats
            extends ProcessWindowFunction<WindowAccumulator, SeriesWindowStats, String, TimeWindow> {

        static final int STATE_TTL_DAYS = 8;

        private static final ValueStateDescriptor<Long> LAST_TS = withTtl(
                new ValueStateDescriptor<>("last-point-ts", Types.LONG));
        private static final ValueStateDescriptor<Long> HELD_FIRST_TS = withTtl(
                new ValueStateDescriptor<>("held-first-ts", Types.LONG));

        private static <T> ValueStateDescriptor<T> withTtl(ValueStateDescriptor<T> descriptor) {
            descriptor.enableTimeToLive(
                    StateTtlConfig.newBuilder(Duration.ofDays(STATE_TTL_DAYS)).build());
            return descriptor;
        }

        @Override
        public void process(String series, Context context, Iterable<WindowAccumulator> elements,
                Collector<SeriesWindowStats> out) throws Exception {
            WindowAccumulator accumulator = elements.iterator().next();
            ValueState<Long> lastTs = context.globalState().getState(LAST_TS);
            ValueState<Long> heldFirstTs = context.globalState().getState(HELD_FIRST_TS);
            Long previousTs = lastTs.value();
            Long heldTs = heldFirstTs.value();
            lastTs.update(accumulator.lastTs());

            long medianIntervalMs = accumulator.medianIntervalMs();
            if (medianIntervalMs == 0) {
                if (previousTs == null) {
                    // The series' first window has a single timestamp, so its interval is unknown yet.
                    heldFirstTs.update(accumulator.firstTs());
                    return;
                }
                medianIntervalMs = Math.max(0, accumulator.firstTs() - previousTs);
            }
            if (heldTs != null) {
                heldFirstTs.clear();
            }

            SeriesWindowStats stats = new SeriesWindowStats();
            stats.series = series;
            stats.windowStart = context.window().getStart();
            stats.windowEnd = context.window().getEnd();
            stats.count = accumulator.count;
            stats.min = accumulator.min;
            stats.max = accumulator.max;
            stats.mean = accumulator.sum / accumulator.count;
            stats.medianIntervalMs = medianIntervalMs;
            stats.firstTs = heldTs != null ? Math.min(heldTs, accumulator.firstTs())
                    : accumulator.firstTs();
            stats.lastTs = accumulator.lastTs();
            out.collect(stats);
        }
    }
}
