package com.znyw.ml.eval.nab;

import java.util.List;

/**
 * NAB result of one detector on a corpus for one cost profile, after NAB's threshold
 * optimisation.
 *
 * @param profile         the cost profile
 * @param threshold       the threshold that maximises the corpus's raw score
 * @param rawScore        sum of the files' raw scores at that threshold
 * @param nullScore       raw score of NAB's null detector (a constant score of 0.5 on every
 *                        point, with its own optimal threshold)
 * @param perfectScore    {@code tpWeight} times the number of labelled windows: the raw score of
 *                        a detector that hits the first point of every window and nothing else
 * @param normalizedScore {@code 100 * (raw - null) / (perfect - null)}: 0 for the null
 *                        detector, 100 for a perfect one; NaN when the corpus has no windows
 * @param files           per-file results at {@code threshold}, in input order
 * @param categories      per-category results at {@code threshold}, sorted by name
 */
public record CorpusScore(CostProfile profile, double threshold, double rawScore, double nullScore,
                          double perfectScore, double normalizedScore, List<FileScore> files,
                          List<CategoryScore> categories) {

    public CorpusScore {
        files = List.copyOf(files);
        categories = List.copyOf(categories);
    }
}
