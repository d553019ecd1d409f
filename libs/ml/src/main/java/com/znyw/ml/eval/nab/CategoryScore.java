package com.znyw.ml.eval.nab;

/**
 * NAB result of the files of one category (data folder) at the corpus threshold.
 *
 * @param category        folder name, such as {@code realKnownCause}
 * @param files           number of scored files
 * @param windows         number of labelled windows in those files
 * @param rawScore        sum of the files' raw scores
 * @param nullScore       sum of the null detector's raw scores on those files
 * @param perfectScore    raw score of a detector that hits the first point of every window
 * @param normalizedScore {@code 100 * (raw - null) / (perfect - null)}, or NaN for a category
 *                        without windows, where perfect and null scores are equal
 */
public record CategoryScore(String category, int files, int windows, double rawScore, double nullScore,
                            double perfectScore, double normalizedScore) {
}
