package com.znyw.ml.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** NAB scoring rules on small synthetic files whose scores can be worked out by hand. */
class NabScorerTest {

    private static final long START_MS = 1_400_000_000_000L;
    private static final long STEP_MS = 60_000L;
    private static final double MAX_TP = NabScorer.scaledSigmoid(-1.0);
    private static final CostProfile STANDARD = CostProfile.STANDARD;

    /** Files have 100 points, one per minute, so probation covers indexes 0..14. */
    private static final int SIZE = 100;
    /** One window over indexes 40..49. */
    private static final List<AnomalyWindow> WINDOW_40_49 = List.of(window(40, 49));

    @Test
    void probationaryLengthFollowsNab() {
        assertThat(NabScorer.probationaryLength(4032)).isEqualTo(604);
        assertThat(NabScorer.probationaryLength(1882)).isEqualTo(282);
        assertThat(NabScorer.probationaryLength(22695)).isEqualTo(750);
        assertThat(NabScorer.probationaryLength(5000)).isEqualTo(750);
        assertThat(NabScorer.probationaryLength(0)).isZero();
    }

    @Test
    void scaledSigmoidHasNabShape() {
        assertThat(NabScorer.scaledSigmoid(-1.0)).isCloseTo(0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(0.0)).isEqualTo(0.0);
        assertThat(NabScorer.scaledSigmoid(1.0)).isCloseTo(-0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(3.0)).isEqualTo(-1.0);
        assertThat(NabScorer.scaledSigmoid(Double.POSITIVE_INFINITY)).isEqualTo(-1.0);
    }

    @Test
    void missedWindowCostsFnWeight() {
        FileScore score = scoreDetections(WINDOW_40_49, CostProfile.REWARD_LOW_FN_RATE);

        assertThat(score.score()).isEqualTo(-2.0);
        assertThat(score.tp()).isZero();
        assertThat(score.fn()).isEqualTo(10);
        assertThat(score.tn()).isEqualTo(75);
        assertThat(score.fp()).isZero();
        assertThat(score.totalCount()).isEqualTo(SIZE);
        assertThat(score.windows()).isEqualTo(1);
    }

    @Test
    void detectionAtWindowStartEarnsFullReward() {
        FileScore score = scoreDetections(WINDOW_40_49, STANDARD, 40);

        assertThat(score.score()).isCloseTo(1.0, within(1e-12));
        assertThat(score.tp()).isEqualTo(1);
        assertThat(score.fn()).isEqualTo(9);
    }

    @Test
    void laterDetectionEarnsLess() {
        FileScore score = scoreDetections(WINDOW_40_49, STANDARD, 45);

        // Position of index 45: -(49 - 45 + 1) / 10 = -0.5.
        assertThat(score.score()).isCloseTo(NabScorer.scaledSigmoid(-0.5) / MAX_TP, within(1e-12));
    }

    @Test
    void onlyFirstDetectionInWindowCounts() {
        FileScore score = scoreDetections(WINDOW_40_49, STANDARD, 42, 45, 49);

        assertThat(score.score()).isCloseTo(NabScorer.scaledSigmoid(-0.8) / MAX_TP, within(1e-12));
        assertThat(score.tp()).isEqualTo(3);
        assertThat(score.fn()).isEqualTo(7);
    }

    @Test
    void falsePositiveBeforeWindowsCostsFullWeight() {
        FileScore score = scoreDetections(WINDOW_40_49, STANDARD, 20);

        assertThat(score.score()).isCloseTo(-1.0 - 0.11, within(1e-12));
        assertThat(score.fp()).isEqualTo(1);
        assertThat(score.tn()).isEqualTo(74);
    }

    @Test
    void falsePositiveAfterWindowCostsLessNearIt() {
        FileScore near = scoreDetections(WINDOW_40_49, STANDARD, 40, 51);
        FileScore far = scoreDetections(WINDOW_40_49, STANDARD, 40, 70);
        FileScore beyond = scoreDetections(WINDOW_40_49, STANDARD, 40, 99);

        // Position past the window is |49 - i| / (10 - 1).
        assertThat(near.score()).isCloseTo(1.0 + 0.11 * NabScorer.scaledSigmoid(2 / 9.0), within(1e-12));
        assertThat(far.score()).isCloseTo(1.0 + 0.11 * NabScorer.scaledSigmoid(21 / 9.0), within(1e-12));
        assertThat(beyond.score()).isCloseTo(1.0 - 0.11, within(1e-12));
        assertThat(near.score()).isGreaterThan(far.score());
    }

    @Test
    void probationaryDetectionsAreIgnored() {
        FileScore score = scoreDetections(WINDOW_40_49, STANDARD, 0, 5, 14);

        assertThat(score.score()).isEqualTo(-1.0);
        assertThat(score.fp()).isZero();
        assertThat(score.tp() + score.tn() + score.fp() + score.fn()).isEqualTo(85);
    }

    @Test
    void windowInsideProbationIsNotScored() {
        FileScore score = scoreDetections(List.of(window(3, 8), window(40, 49)), STANDARD);

        assertThat(score.score()).isEqualTo(-1.0);
        assertThat(score.windows()).isEqualTo(2);
    }

    @Test
    void contributionsSumToScore() {
        List<AnomalyWindow> windows = List.of(window(30, 39), window(60, 69));
        List<ScoredPoint> points = points(0, 20, 35, 38, 45, 80, 99);

        double[] contributions = NabScorer.pointContributions("f.csv", points, windows, STANDARD, 1.0);
        FileScore score = NabScorer.scoreFile("f.csv", points, windows, STANDARD, 1.0);

        assertThat(contributions[0]).as("probationary detection").isZero();
        assertThat(contributions[20]).isEqualTo(-0.11);
        assertThat(contributions[30]).as("first window's reward at its start")
                .isCloseTo(NabScorer.scaledSigmoid(-0.5) / MAX_TP, within(1e-12));
        assertThat(contributions[35]).as("reward is booked at the window start").isZero();
        assertThat(contributions[60]).as("missed window").isEqualTo(-1.0);
        assertThat(contributions[45]).isCloseTo(0.11 * NabScorer.scaledSigmoid(6 / 9.0), within(1e-12));
        assertThat(sum(contributions)).isCloseTo(score.score(), within(1e-12));
    }

    @Test
    void repeatedTimestampUsesFirstOccurrence() {
        // Timestamps 0..19 with minute 10 written twice, as at a daylight-saving change.
        List<ScoredPoint> points = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            int minute = i <= 10 ? i : i - 1;
            points.add(new ScoredPoint(START_MS + minute * STEP_MS, 0, i == 11 ? 1.0 : 0.0));
        }
        List<AnomalyWindow> windows = List.of(window(6, 10));

        FileScore score = NabScorer.scoreFile("dst.csv", points, windows, STANDARD, 1.0);

        // The window is indexes 6..10; index 11 repeats minute 10 but lies after the window.
        assertThat(score.tp()).isZero();
        assertThat(score.fp()).isEqualTo(1);
        assertThat(score.score()).isCloseTo(-1.0 + 0.11 * NabScorer.scaledSigmoid(1 / 4.0), within(1e-12));
    }

    @Test
    void labelsBetweenPointsFallBackToTimeRange() {
        List<ScoredPoint> points = points(42);
        long halfStep = STEP_MS / 2;
        List<AnomalyWindow> windows = List.of(new AnomalyWindow(
                START_MS + 40 * STEP_MS - halfStep, START_MS + 49 * STEP_MS + halfStep));

        FileScore score = NabScorer.scoreFile("f.csv", points, windows, STANDARD, 1.0);

        assertThat(score.tp()).isEqualTo(1);
        assertThat(score.fn()).isEqualTo(9);
        assertThat(score.score()).isCloseTo(NabScorer.scaledSigmoid(-0.8) / MAX_TP, within(1e-12));
    }

    @Test
    void optimizerMatchesBruteForce() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            Map<String, List<ScoredPoint>> results = new LinkedHashMap<>();
            Map<String, List<AnomalyWindow>> windows = new LinkedHashMap<>();
            for (int f = 0; f < 3; f++) {
                List<ScoredPoint> points = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    // One decimal place, so that many points share a score.
                    double score = Math.round(random.nextDouble() * 10) / 10.0;
                    points.add(new ScoredPoint(START_MS + i * STEP_MS, i, score));
                }
                results.put("c/f" + f + ".csv", points);
                windows.put("c/f" + f + ".csv", List.of(window(50 + f * 10, 70 + f * 10), window(150, 160)));
            }
            CostProfile profile = CostProfile.nabProfiles().get(trial % 3);

            ThresholdScore best = NabScorer.optimizeThreshold(results, windows, profile);

            TreeSet<Double> candidates = new TreeSet<>();
            candidates.add(NabScorer.NO_DETECTION_THRESHOLD);
            results.values().forEach(points -> points.forEach(p -> candidates.add(p.anomalyScore())));
            double bestBrute = Double.NEGATIVE_INFINITY;
            double bestThreshold = Double.NaN;
            for (double threshold : candidates.descendingSet()) {
                double total = 0;
                for (String file : results.keySet()) {
                    total += NabScorer.scoreFile(file, results.get(file), windows.get(file), profile, threshold).score();
                }
                if (total > bestBrute + 1e-12) {
                    bestBrute = total;
                    bestThreshold = threshold;
                }
            }
            assertThat(best.score()).as("trial %d", trial).isCloseTo(bestBrute, within(1e-9));
            assertThat(best.threshold()).as("trial %d", trial).isEqualTo(bestThreshold);
        }
    }

    @Test
    void perfectDetectorNormalizesTo100() {
        Map<String, List<AnomalyWindow>> windows = Map.of(
                "a/one.csv", List.of(window(30, 39), window(70, 79)),
                "b/two.csv", List.of(window(50, 59)));
        Map<String, List<ScoredPoint>> results = new LinkedHashMap<>();
        results.put("a/one.csv", points(30, 70));
        results.put("b/two.csv", points(50));

        for (CostProfile profile : CostProfile.nabProfiles()) {
            CorpusScore corpus = NabScorer.score(results, windows, profile);

            assertThat(corpus.normalizedScore()).as(profile.name()).isCloseTo(100.0, within(1e-9));
            assertThat(corpus.perfectScore()).isEqualTo(3 * profile.tpWeight());
            assertThat(corpus.nullScore()).isEqualTo(-3 * profile.fnWeight());
            assertThat(corpus.categories()).extracting(CategoryScore::category).containsExactly("a", "b");
            assertThat(corpus.categories()).allSatisfy(c -> assertThat(c.normalizedScore()).isCloseTo(100.0, within(1e-9)));
        }
    }

    @Test
    void nullDetectorNormalizesToZero() {
        List<ScoredPoint> constant = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            constant.add(new ScoredPoint(START_MS + i * STEP_MS, 0, 0.5));
        }
        CorpusScore corpus = NabScorer.score(Map.of("a/one.csv", constant), Map.of("a/one.csv", WINDOW_40_49), STANDARD);

        assertThat(corpus.normalizedScore()).isCloseTo(0.0, within(1e-12));
        assertThat(corpus.threshold()).isEqualTo(NabScorer.NO_DETECTION_THRESHOLD);
    }

    @Test
    void corpusWithoutWindowsHasNoNormalizedScore() {
        CorpusScore corpus = NabScorer.score(Map.of("quiet/one.csv", points(20, 30)),
                Map.of("quiet/one.csv", List.of()), STANDARD);

        assertThat(corpus.normalizedScore()).isNaN();
        assertThat(corpus.rawScore()).isZero();
        assertThat(corpus.categories().get(0).normalizedScore()).isNaN();
    }

    @Test
    void nanScoreIsRejected() {
        List<ScoredPoint> points = new ArrayList<>(points());
        points.set(17, new ScoredPoint(points.get(17).timestampMs(), 0, Double.NaN));

        assertThatThrownBy(() -> NabScorer.scoreFile("c/nan.csv", points, WINDOW_40_49, STANDARD, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c/nan.csv")
                .hasMessageContaining("point 17")
                .hasMessageContaining("NaN");
    }

    @Test
    void windowWithoutPointsIsRejected() {
        AnomalyWindow late = new AnomalyWindow(START_MS + 500 * STEP_MS, START_MS + 510 * STEP_MS);

        assertThatThrownBy(() -> NabScorer.scoreFile("c/f.csv", points(), List.of(late), STANDARD, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c/f.csv")
                .hasMessageContaining("contains no data point");
    }

    @Test
    void overlappingWindowsAreRejected() {
        assertThatThrownBy(() -> NabScorer.scoreFile("c/f.csv", points(), List.of(window(40, 49), window(45, 60)),
                STANDARD, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void fileWithoutLabelsIsRejected() {
        assertThatThrownBy(() -> NabScorer.score(Map.of("c/unknown.csv", points()), Map.of(), STANDARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c/unknown.csv")
                .hasMessageContaining("combined_windows.json");
    }

    private static FileScore scoreDetections(List<AnomalyWindow> windows, CostProfile profile, int... detections) {
        return NabScorer.scoreFile("c/f.csv", points(detections), windows, profile, 1.0);
    }

    /** Returns {@link #SIZE} points with score 1 at the given indexes and 0 elsewhere. */
    private static List<ScoredPoint> points(int... detections) {
        double[] scores = new double[SIZE];
        for (int index : detections) {
            scores[index] = 1.0;
        }
        List<ScoredPoint> points = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            points.add(new ScoredPoint(START_MS + i * STEP_MS, i, scores[i]));
        }
        return points;
    }

    private static AnomalyWindow window(int firstIndex, int lastIndex) {
        return new AnomalyWindow(START_MS + firstIndex * STEP_MS, START_MS + lastIndex * STEP_MS);
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total;
    }
}
