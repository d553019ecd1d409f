package com.znyw.ml.eval.nab;

/**
 * Raw NAB score of a file or corpus at one threshold, with NAB's point counts. Points of the
 * probationary period are not counted.
 *
 * @param threshold lowest anomaly score that counts as a detection
 * @param score     raw NAB score: sum of window rewards, missed-window costs and false-positive
 *                  costs
 * @param tp        detected points inside windows
 * @param tn        undetected points outside windows
 * @param fp        detected points outside windows
 * @param fn        undetected points inside windows
 */
public record ThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn) {

    /** Returns the number of scored points: all points after the probationary period. */
    public int total() {
        return tp + tn + fp + fn;
    }
}
