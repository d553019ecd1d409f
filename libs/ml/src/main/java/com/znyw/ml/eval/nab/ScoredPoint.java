package com.znyw.ml.eval.nab;

/**
 * One point of a detector's output for a NAB data file.
 *
 * @param timestampMs  event time in epoch milliseconds (NAB timestamps read as UTC)
 * @param value        the series value
 * @param anomalyScore the detector's anomaly score, normally in 0..1; the point counts as a
 *                     detection when the score is at least the threshold
 */
public record ScoredPoint(long timestampMs, double value, double anomalyScore) {
}
