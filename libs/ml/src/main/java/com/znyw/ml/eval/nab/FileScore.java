package com.znyw.ml.eval.nab;

/**
 * NAB result for one data file at one threshold: one row of NAB's
 * {@code <detector>_<profile>_scores.csv}.
 *
 * @param file       NAB's relative path, such as {@code realKnownCause/nyc_taxi.csv}
 * @param threshold  lowest anomaly score that counts as a detection
 * @param score      raw NAB score of the file
 * @param tp         detected points inside windows, after the probationary period
 * @param tn         undetected points outside windows, after the probationary period
 * @param fp         detected points outside windows, after the probationary period
 * @param fn         undetected points inside windows, after the probationary period
 * @param totalCount all points of the file, the probationary period included, as NAB reports it
 * @param windows    number of labelled windows in the file
 */
public record FileScore(String file, double threshold, double score, int tp, int tn, int fp, int fn,
                        int totalCount, int windows) {

    /** Returns the category: the folder part of {@link #file()}, or "" when there is none. */
    public String category() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }
}
