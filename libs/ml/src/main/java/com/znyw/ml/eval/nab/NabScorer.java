package com.znyw.ml.eval.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores anomaly detectors the way the Numenta Anomaly Benchmark does (NAB 1.x, repository
 * numenta/NAB, {@code nab/sweeper.py} and the normalisation in {@code nab/runner.py}):
 *
 * <ul>
 *   <li>The first 15 % of each file, at most 750 points, is the probationary period and is not
 *       scored.</li>
 *   <li>A point is a detection when its anomaly score is at least the threshold.</li>
 *   <li>Each labelled window earns {@code tpWeight * S(p) / S(-1)} for its earliest detection,
 *       where {@code S(p) = 2 / (1 + exp(5p)) - 1} is the scaled sigmoid and
 *       {@code p = -(right - i + 1) / width} is the detection's position relative to the window's
 *       last point. Later detections in the same window add nothing. A window without a
 *       detection costs {@code fnWeight}.</li>
 *   <li>A detection outside every window costs {@code fpWeight * S(p)} with
 *       {@code p = |i - right| / (width - 1)} relative to the last window before it, so false
 *       positives just after a window cost little. Before the first window, or at {@code p >= 3},
 *       {@code S} is -1 and the cost is the full {@code fpWeight}.</li>
 *   <li>The corpus threshold is the one that maximises the sum of all files' raw scores (NAB's
 *       sweep over every distinct anomaly score; on equal sums the higher threshold wins).</li>
 *   <li>The normalised score is {@code 100 * (raw - null) / (perfect - null)}, where the null
 *       detector scores 0.5 on every point and the perfect score is {@code tpWeight} per
 *       window.</li>
 * </ul>
 *
 * <p>Windows are the points with timestamps in {@code [start, end]}. In NAB's labels both ends are
 * timestamps of data points, and then this is the same as NAB's lookup by exact timestamp.
 *
 * <p>The same scorer serves the batch benchmark ({@code NabBenchmark}) and any other producer of
 * {@code (timestamp, value, score)} per file, such as the streaming job.
 */
public final class NabScorer {

    /** Share of each file that is NAB's probationary period. */
    public static final double PROBATION_PERCENT = 0.15;

    /** NAB caps the probationary period at 15 % of 5000 rows, that is 750 points. */
    private static final double PROBATION_CAP_ROWS = PROBATION_PERCENT * 5000;

    /** Threshold above every anomaly score, where nothing is detected (NAB's starting value). */
    static final double NO_DETECTION_THRESHOLD = 1.1;

    /** Anomaly score that NAB's null detector gives every point. */
    static final double NULL_DETECTOR_SCORE = 0.5;

    private static final double MAX_TP = scaledSigmoid(-1.0);

    private NabScorer() {
    }

    /**
     * Scores a corpus: finds NAB's optimal threshold for the profile, scores every file at it and
     * normalises the total against the null and perfect detectors.
     *
     * @param resultsByFile  the detector's output per file, keyed by NAB's relative path such as
     *                       {@code realKnownCause/nyc_taxi.csv}, each in file order
     * @param windowsByFile  labelled windows per file, for example from
     *                       {@link NabLabels#loadWindows}; it may contain files that are not scored
     * @param profile        the cost profile
     * @throws IllegalArgumentException if a file has no labels entry, a score is NaN, or a
     *                                  window contains no point of its file
     */
    public static CorpusScore score(Map<String, List<ScoredPoint>> resultsByFile,
                                    Map<String, List<AnomalyWindow>> windowsByFile, CostProfile profile) {
        List<PreparedFile> files = prepareAll(resultsByFile, windowsByFile, profile);

        List<double[]> detectorScores = new ArrayList<>();
        List<double[]> nullScores = new ArrayList<>();
        for (PreparedFile file : files) {
            detectorScores.add(file.anomalyScores);
            double[] constant = new double[file.size()];
            Arrays.fill(constant, NULL_DETECTOR_SCORE);
            nullScores.add(constant);
        }

        double threshold = optimize(files, detectorScores, profile).threshold();
        double nullThreshold = optimize(files, nullScores, profile).threshold();

        List<FileScore> fileScores = new ArrayList<>();
        Map<String, double[]> byCategory = new TreeMap<>();
        double rawScore = 0;
        double nullScore = 0;
        int windows = 0;
        for (int f = 0; f < files.size(); f++) {
            PreparedFile file = files.get(f);
            FileScore fileScore = file.scoreAt(detectorScores.get(f), threshold, profile);
            double fileNullScore = file.scoreAt(nullScores.get(f), nullThreshold, profile).score();
            fileScores.add(fileScore);
            rawScore += fileScore.score();
            nullScore += fileNullScore;
            windows += file.windowCount();

            // Per category: files, windows, raw score, null score.
            double[] sums = byCategory.computeIfAbsent(fileScore.category(), c -> new double[4]);
            sums[0] += 1;
            sums[1] += file.windowCount();
            sums[2] += fileScore.score();
            sums[3] += fileNullScore;
        }

        List<CategoryScore> categories = new ArrayList<>();
        for (Map.Entry<String, double[]> entry : byCategory.entrySet()) {
            double[] sums = entry.getValue();
            double perfect = profile.tpWeight() * sums[1];
            categories.add(new CategoryScore(entry.getKey(), (int) sums[0], (int) sums[1], sums[2], sums[3],
                    perfect, normalize(sums[2], sums[3], perfect)));
        }
        double perfectScore = profile.tpWeight() * windows;
        return new CorpusScore(profile, threshold, rawScore, nullScore, perfectScore,
                normalize(rawScore, nullScore, perfectScore), fileScores, categories);
    }

    /**
     * Finds NAB's optimal threshold for a corpus: the one with the highest summed raw score.
     *
     * @return the best threshold with the corpus's raw score and counts at it; for a corpus with
     *         no scored point, NAB's starting threshold 1.1 with score 0
     * @throws IllegalArgumentException as for {@link #score}
     */
    public static ThresholdScore optimizeThreshold(Map<String, List<ScoredPoint>> resultsByFile,
                                                   Map<String, List<AnomalyWindow>> windowsByFile,
                                                   CostProfile profile) {
        List<PreparedFile> files = prepareAll(resultsByFile, windowsByFile, profile);
        List<double[]> scores = new ArrayList<>();
        for (PreparedFile file : files) {
            scores.add(file.anomalyScores);
        }
        return optimize(files, scores, profile);
    }

    /**
     * Scores one file at a fixed threshold: one row of NAB's per-file score table.
     *
     * @param file    NAB's relative path, used in the result and in error messages
     * @param points  the detector's output in file order
     * @param windows the file's labelled windows, in any order
     * @throws IllegalArgumentException as for {@link #score}
     */
    public static FileScore scoreFile(String file, List<ScoredPoint> points, List<AnomalyWindow> windows,
                                      CostProfile profile, double threshold) {
        PreparedFile prepared = PreparedFile.of(file, points, windows, profile);
        return prepared.scoreAt(prepared.anomalyScores, threshold, profile);
    }

    /**
     * Returns where a file's score comes from, one value per point, in the layout of the
     * {@code S(t)_<profile>} columns of NAB's result files: the cost of each false positive at its
     * point, and each window's reward or missed-window cost at the window's first point. The
     * values add up to {@link FileScore#score()}; all other points are 0.
     *
     * @throws IllegalArgumentException as for {@link #score}
     */
    public static double[] pointContributions(String file, List<ScoredPoint> points, List<AnomalyWindow> windows,
                                              CostProfile profile, double threshold) {
        PreparedFile prepared = PreparedFile.of(file, points, windows, profile);
        return prepared.contributionsAt(prepared.anomalyScores, threshold, profile);
    }

    /**
     * Returns NAB's probationary length for a file of {@code rows} points:
     * {@code min(floor(0.15 * rows), 750)}. Points with a smaller index are not scored.
     */
    public static int probationaryLength(int rows) {
        return (int) Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_CAP_ROWS);
    }

    /**
     * NAB's scaled sigmoid: about 0.987 at position -1 (the left edge of a window), 0 at the
     * right edge, about -0.987 at 1, and exactly -1 from 3 on.
     */
    static double scaledSigmoid(double relativePosition) {
        if (relativePosition >= 3.0) {
            return -1.0;
        }
        return 2 * sigmoid(-5 * relativePosition) - 1.0;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double normalize(double raw, double nullScore, double perfect) {
        if (perfect == nullScore) {
            return Double.NaN;
        }
        return 100 * (raw - nullScore) / (perfect - nullScore);
    }

    private static List<PreparedFile> prepareAll(Map<String, List<ScoredPoint>> resultsByFile,
                                                 Map<String, List<AnomalyWindow>> windowsByFile,
                                                 CostProfile profile) {
        List<PreparedFile> files = new ArrayList<>();
        for (Map.Entry<String, List<ScoredPoint>> entry : resultsByFile.entrySet()) {
            String file = entry.getKey();
            List<AnomalyWindow> windows = windowsByFile.get(file);
            if (windows == null) {
                throw new IllegalArgumentException("No labels for data file " + file
                        + ": add an entry for it to labels/combined_windows.json (an empty list if it"
                        + " has no anomalies), or remove the file from the data folder.");
            }
            files.add(PreparedFile.of(file, entry.getValue(), windows, profile));
        }
        return files;
    }

    /**
     * Sweeps every distinct anomaly score of the corpus from high to low, as NAB's
     * {@code Sweeper.calcScoreByThreshold} does, and keeps the first threshold with the highest
     * score. Window parts are summed in NAB's order (false positives first, then windows in the
     * order of their first point in the sweep), so that exact ties resolve as in NAB.
     */
    private static ThresholdScore optimize(List<PreparedFile> files, List<double[]> scoresByFile,
                                           CostProfile profile) {
        int scorable = 0;
        int windowCount = 0;
        for (PreparedFile file : files) {
            scorable += file.size() - file.probation;
            windowCount += file.windowCount();
        }

        // Flatten the scorable points of all files; window ids become corpus-wide.
        double[] anomaly = new double[scorable];
        double[] sweep = new double[scorable];
        int[] window = new int[scorable];
        int next = 0;
        int windowOffset = 0;
        for (int f = 0; f < files.size(); f++) {
            PreparedFile file = files.get(f);
            double[] scores = scoresByFile.get(f);
            for (int i = file.probation; i < file.size(); i++) {
                anomaly[next] = scores[i];
                sweep[next] = file.sweepScores[i];
                window[next] = file.windowOf[i] < 0 ? -1 : file.windowOf[i] + windowOffset;
                next++;
            }
            windowOffset += file.windowCount();
        }

        // Stable sort by descending anomaly score, like Python's sorted(..., reverse=True).
        Integer[] order = new Integer[scorable];
        for (int i = 0; i < scorable; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(anomaly[b], anomaly[a]));

        // Every window with a scorable point starts as missed.
        double[] windowParts = new double[windowCount];
        int[] partOrder = new int[windowCount];
        boolean[] seen = new boolean[windowCount];
        int parts = 0;
        int tn = 0;
        int fn = 0;
        for (int idx : order) {
            int w = window[idx];
            if (w < 0) {
                tn++;
                continue;
            }
            fn++;
            if (!seen[w]) {
                seen[w] = true;
                windowParts[w] = -profile.fnWeight();
                partOrder[parts++] = w;
            }
        }

        int tp = 0;
        int fp = 0;
        double fpPart = 0;
        double threshold = NO_DETECTION_THRESHOLD;
        ThresholdScore best = null;
        for (int idx : order) {
            if (anomaly[idx] != threshold) {
                best = better(best, threshold, fpPart, windowParts, partOrder, parts, tp, tn, fp, fn);
                threshold = anomaly[idx];
            }
            int w = window[idx];
            if (w < 0) {
                fp++;
                tn--;
                fpPart += sweep[idx];
            } else {
                tp++;
                fn--;
                windowParts[w] = Math.max(windowParts[w], sweep[idx]);
            }
        }
        return better(best, threshold, fpPart, windowParts, partOrder, parts, tp, tn, fp, fn);
    }

    private static ThresholdScore better(ThresholdScore best, double threshold, double fpPart, double[] windowParts,
                                         int[] partOrder, int parts, int tp, int tn, int fp, int fn) {
        double score = fpPart;
        for (int p = 0; p < parts; p++) {
            score += windowParts[partOrder[p]];
        }
        if (best == null || score > best.score()) {
            return new ThresholdScore(threshold, score, tp, tn, fp, fn);
        }
        return best;
    }

    /**
     * One file in arrays: anomaly scores, the window of each point and its sweep score (what the
     * point adds if it is detected, before the first-detection-per-window rule).
     */
    private static final class PreparedFile {
        final String file;
        final double[] anomalyScores;
        final int[] windowOf;
        final double[] sweepScores;
        final int[] windowFirst;
        final int probation;

        private PreparedFile(String file, double[] anomalyScores, int[] windowOf, double[] sweepScores,
                             int[] windowFirst, int probation) {
            this.file = file;
            this.anomalyScores = anomalyScores;
            this.windowOf = windowOf;
            this.sweepScores = sweepScores;
            this.windowFirst = windowFirst;
            this.probation = probation;
        }

        int size() {
            return anomalyScores.length;
        }

        int windowCount() {
            return windowFirst.length;
        }

        static PreparedFile of(String file, List<ScoredPoint> points, List<AnomalyWindow> windows,
                               CostProfile profile) {
            int n = points.size();
            long[] timestamps = new long[n];
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                ScoredPoint point = points.get(i);
                timestamps[i] = point.timestampMs();
                scores[i] = point.anomalyScore();
                if (Double.isNaN(scores[i])) {
                    throw new IllegalArgumentException("Anomaly score of point " + i + " ("
                            + NabTime.format(timestamps[i]) + ") of " + file
                            + " is NaN. The detector must give every point a number.");
                }
            }

            List<AnomalyWindow> sorted = new ArrayList<>(windows);
            sorted.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
            NabLabels.requireDisjoint(file, sorted);
            int[] first = new int[sorted.size()];
            int[] last = new int[sorted.size()];
            int searchFrom = 0;
            for (int w = 0; w < sorted.size(); w++) {
                locateWindow(file, timestamps, sorted.get(w), searchFrom, first, last, w);
                searchFrom = last[w] + 1;
            }

            int[] windowOf = new int[n];
            double[] sweep = new double[n];
            fillSweepScores(windowOf, sweep, first, last, profile);
            return new PreparedFile(file, scores, windowOf, sweep, first, probationaryLength(n));
        }

        /**
         * Computes each point's sweep score (NAB's {@code Sweeper.calcSweepScore}): inside a
         * window, the reward for detecting there; outside, the cost of a false positive there.
         */
        private static void fillSweepScores(int[] windowOf, double[] sweep, int[] first, int[] last,
                                            CostProfile profile) {
            int nextWindow = 0;
            int current = -1;
            int previousRight = -1;
            int previousWidth = 0;
            for (int i = 0; i < sweep.length; i++) {
                if (current < 0 && nextWindow < first.length && first[nextWindow] == i) {
                    current = nextWindow++;
                }
                if (current >= 0) {
                    double width = last[current] - first[current] + 1;
                    double position = -(last[current] - i + 1) / width;
                    windowOf[i] = current;
                    sweep[i] = scaledSigmoid(position) * profile.tpWeight() / MAX_TP;
                    if (i == last[current]) {
                        previousRight = i;
                        previousWidth = last[current] - first[current] + 1;
                        current = -1;
                    }
                } else {
                    // NOTE: after a one-point window the divisor is 0. NAB raises an error there,
                    // but here the position becomes infinite, which costs the full fpWeight.
                    double position = previousRight < 0
                            ? 3.0
                            : Math.abs(previousRight - i) / (double) (previousWidth - 1);
                    windowOf[i] = -1;
                    sweep[i] = scaledSigmoid(position) * profile.fpWeight();
                }
            }
        }

        /**
         * Finds a window's first and last point by position, as NAB does: from the first point
         * whose timestamp equals the window's start to the next point whose timestamp equals its
         * end. NAB files contain repeated timestamps (daylight-saving changes) and a few points out
         * of order, so positions, not time ranges, decide membership. When a limit matches no
         * timestamp, where NAB fails, the window falls back to the run of points from the first
         * one at or after its start up to the last one at or before its end.
         */
        private static void locateWindow(String file, long[] timestamps, AnomalyWindow window, int searchFrom,
                                         int[] first, int[] last, int w) {
            int start = indexOf(timestamps, window.startMs(), searchFrom);
            int end = start < 0 ? -1 : indexOf(timestamps, window.endMs(), start);
            if (start < 0 || end < 0) {
                start = searchFrom;
                while (start < timestamps.length && timestamps[start] < window.startMs()) {
                    start++;
                }
                end = start;
                while (end < timestamps.length && window.contains(timestamps[end])) {
                    end++;
                }
                end--;
            }
            if (start >= timestamps.length || end < start) {
                throw new IllegalArgumentException("Anomaly window " + window + " of " + file
                        + " contains no data point. Check that the labels belong to this file.");
            }
            first[w] = start;
            last[w] = end;
        }

        private static int indexOf(long[] timestamps, long key, int from) {
            for (int i = from; i < timestamps.length; i++) {
                if (timestamps[i] == key) {
                    return i;
                }
            }
            return -1;
        }

        /** Returns the best part per window at the threshold: the reward of its first detection, or -fnWeight. */
        private double[] windowPartsAt(double[] scores, double threshold, CostProfile profile) {
            double[] parts = new double[windowCount()];
            Arrays.fill(parts, Double.NaN);
            for (int i = probation; i < size(); i++) {
                int w = windowOf[i];
                if (w < 0) {
                    continue;
                }
                if (Double.isNaN(parts[w])) {
                    parts[w] = -profile.fnWeight();
                }
                if (scores[i] >= threshold) {
                    parts[w] = Math.max(parts[w], sweepScores[i]);
                }
            }
            // A window that lies wholly in the probationary period is not scored (NaN stays).
            return parts;
        }

        FileScore scoreAt(double[] scores, double threshold, CostProfile profile) {
            int tp = 0;
            int tn = 0;
            int fp = 0;
            int fn = 0;
            double fpPart = 0;
            for (int i = probation; i < size(); i++) {
                boolean detected = scores[i] >= threshold;
                boolean inWindow = windowOf[i] >= 0;
                if (inWindow && detected) {
                    tp++;
                } else if (inWindow) {
                    fn++;
                } else if (detected) {
                    fp++;
                    fpPart += sweepScores[i];
                } else {
                    tn++;
                }
            }
            double score = fpPart;
            for (double part : windowPartsAt(scores, threshold, profile)) {
                if (!Double.isNaN(part)) {
                    score += part;
                }
            }
            return new FileScore(file, threshold, score, tp, tn, fp, fn, size(), windowCount());
        }

        double[] contributionsAt(double[] scores, double threshold, CostProfile profile) {
            double[] contributions = new double[size()];
            for (int i = probation; i < size(); i++) {
                if (windowOf[i] < 0 && scores[i] >= threshold) {
                    contributions[i] = sweepScores[i];
                }
            }
            double[] parts = windowPartsAt(scores, threshold, profile);
            for (int w = 0; w < parts.length; w++) {
                if (!Double.isNaN(parts[w])) {
                    contributions[windowFirst[w]] = parts[w];
                }
            }
            return contributions;
        }
    }
}
