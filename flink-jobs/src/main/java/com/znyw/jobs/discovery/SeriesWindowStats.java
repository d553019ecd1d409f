package com.znyw.jobs.discovery;

import java.util.Objects;

/** Statistics of one series over one discovery window. A Flink POJO. */
public class SeriesWindowStats {

    public String series;
    public long windowStart;
    public long windowEnd;
    public long count;
    public double min;
    public double max;
    public double mean;
    /**
     * Median gap between consecutive distinct timestamps in the window. With one timestamp it is
     * the gap to the series' previous point, and 0 when that is not known.
     */
    public long medianIntervalMs;
    public long firstTs;
    public long lastTs;

    public SeriesWindowStats() {
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesWindowStats that && windowStart == that.windowStart
                && windowEnd == that.windowEnd && count == that.count
                && Double.compare(min, that.min) == 0 && Double.compare(max, that.max) == 0
                && Double.compare(mean, that.mean) == 0
                && medianIntervalMs == that.medianIntervalMs && firstTs == that.firstTs
                && lastTs == that.lastTs && Objects.equals(series, that.series);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, windowStart, count, lastTs);
    }

    @Override
    public String toString() {
        return "SeriesWindowStats{series=" + series + ", window=[" + windowStart + "," + windowEnd
                + "), count=" + count + ", min=" + min + ", max=" + max + ", mean=" + mean
                + ", medianIntervalMs=" + medianIntervalMs + ", firstTs=" + firstTs
                + ", lastTs=" + lastTs + "}";
    }
}
