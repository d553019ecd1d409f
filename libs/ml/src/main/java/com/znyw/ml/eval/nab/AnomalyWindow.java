package com.znyw.ml.eval.nab;

/**
 * One labelled anomaly window of a NAB data file: every point whose timestamp lies in
 * {@code [startMs, endMs]} belongs to the window. Times are epoch milliseconds, with NAB's
 * zone-less timestamps read as UTC.
 */
public record AnomalyWindow(long startMs, long endMs) {

    public AnomalyWindow {
        if (endMs < startMs) {
            throw new IllegalArgumentException("Anomaly window ends before it starts: start "
                    + NabTime.format(startMs) + ", end " + NabTime.format(endMs)
                    + ". Swap the two timestamps in the labels file.");
        }
    }

    /** Returns whether the timestamp lies inside the window, both ends included. */
    public boolean contains(long timestampMs) {
        return timestampMs >= startMs && timestampMs <= endMs;
    }

    @Override
    public String toString() {
        return "[" + NabTime.format(startMs) + ", " + NabTime.format(endMs) + "]";
    }
}
