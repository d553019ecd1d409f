package com.znyw.jobs.discovery;

import org.apache.flink.api.common.functions.AggregateFunction;
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

    /** Turns the accumulator of one series and window into {@link SeriesWindowStats}. */
    static final class ToStats
            extends ProcessWindowFunction<WindowAccumulator, SeriesWindowStats, String, TimeWindow> {

        @Override
        public void process(String series, Context context, Iterable<WindowAccumulator> elements,
                Collector<SeriesWindowStats> out) {
            WindowAccumulator accumulator = elements.iterator().next();
            SeriesWindowStats stats = new SeriesWindowStats();
            stats.series = series;
            stats.windowStart = context.window().getStart();
            stats.windowEnd = context.window().getEnd();
            stats.count = accumulator.count;
            stats.min = accumulator.min;
            stats.max = accumulator.max;
            stats.mean = accumulator.sum / accumulator.count;
            stats.medianIntervalMs = accumulator.medianIntervalMs();
            stats.firstTs = accumulator.firstTs();
            stats.lastTs = accumulator.lastTs();
            out.collect(stats);
        }
    }
}
