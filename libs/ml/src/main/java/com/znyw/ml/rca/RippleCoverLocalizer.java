package com.znyw.ml.rca;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-dimensional root-cause localization: label the leaves, then cover the abnormal ones with
 * the most general combinations whose parts all deviate the same way.
 *
 * <p>The idea, in five steps:
 * <ol>
 *   <li><b>Leaf labels.</b> Each leaf gets the deviation score {@code 2(v - f) / (|v| + |f|)} of
 *   Squeeze (Li et al., ISSRE 2021), with a derived measure first brought to the additive scale
 *   of its numerator (see {@link LeafDeviations}). Leaves outside the normal mode of the
 *   volume-weighted score histogram are abnormal, up or down.</li>
 *   <li><b>Ripple test.</b> A root cause moves all of its descendants the same way: the
 *   <em>ripple effect</em> of HotSpot (Sun et al., IEEE Access 2018). So a combination is
 *   accepted only if, split by any one further dimension, the parts whose aggregate deviates
 *   beyond the leaf threshold in its direction hold at least {@code purityThreshold} of its
 *   volume and at least half of its parts. Testing aggregated parts instead of single leaves
 *   averages out the noise of small leaves. Counting parts keeps one large abnormal leaf from
 *   carrying a parent whose other parts are normal. A combination of every dimension is tested
 *   on its leaf label.</li>
 *   <li><b>Greedy cover.</b> Layer by layer, from one dimension up, accepted combinations are
 *   taken in order of abnormal volume unless they lie inside a combination already taken, or
 *   most of their abnormal volume is already covered. Preferring the most general explanation
 *   is the succinctness rule of Squeeze and HotSpot; skipping explained leaves follows the
 *   iterative removal of RiskLoc (Kalander, 2022).</li>
 *   <li><b>Direction and promotion.</b> Combinations that move against the cube's main abnormal
 *   direction are dropped unless they carry at least {@value #MIN_OPPOSITE_SHARE} of the
 *   abnormal deviation. A combination is then replaced by its parent while the parent as a
 *   whole still deviates clearly (see {@link #PROMOTION_RATIO}). Real failures rarely hit every
 *   part of the element operators name: a bitrate fails on most devices, not all. This is the
 *   one-dimension view of Adtributor's explanatory power (Bhagwan et al., NSDI 2014).</li>
 *   <li><b>Ranking.</b> Each result is scored by the share of the abnormal volume it covers;
 *   results below {@code minRelativeScore} of the best are mostly noise around a clear main
 *   cause and are dropped, unless they deviate by {@value #STRONG_DEVIATION_FACTOR} times the
 *   leaf threshold with the volume of a large leaf.</li>
 * </ol>
 * Several root causes in different dimensions and directions are found in one pass. Leaves
 * with zero values carry no volume, so they neither support nor contradict a combination.
 *
 * <p>Cost: one pass over all leaves per cuboid, so {@code O(leaves * cuboids)}, plus one pass
 * per promotion step. At most {@value #MAX_CUBOIDS} cuboids and {@value #MAX_ELEMENTS} elements
 * are searched, by stopping at a lower layer for wide or large cubes. Calls keep no shared
 * state, so one instance can serve several threads.
 */
public final class RippleCoverLocalizer implements RootCauseLocalizer, Serializable {

    private static final long serialVersionUID = 1L;

    static final int MAX_CUBOIDS = 4096;
    /**
     * Largest number of elements kept over all cuboids; about 70 bytes each, so this bounds the
     * aggregates to roughly 140 MB.
     */
    static final long MAX_ELEMENTS = 2_000_000;
    static final int MAX_DIMENSIONS = 63;
    /** Share of a candidate's abnormal volume that earlier picks may already cover. */
    private static final double MIN_NEW_SHARE = 0.25;
    /** Parts of an accepted combination that must deviate, counted by number, not volume. */
    private static final double MIN_PART_SHARE = 0.5;
    /** Leaf-label purity below which a combination is not worth the ripple test. */
    private static final double MIN_LEAF_PURITY = 0.1;
    static final double MIN_OPPOSITE_SHARE = 0.1;
    static final double STRONG_DEVIATION_FACTOR = 3;
    /** Smallest parent score, relative to the child's, for which the parent is reported. */
    static final double PROMOTION_RATIO = 0.5;
    /** Smallest share of the parent's parts that must deviate for the parent to be reported. */
    static final double PROMOTION_PART_SHARE = 0.34;

    private final LocalizerConfig config;

    public RippleCoverLocalizer() {
        this(LocalizerConfig.defaults());
    }

    public RippleCoverLocalizer(LocalizerConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is required; use LocalizerConfig.defaults()");
        }
        this.config = config;
    }

    public LocalizerConfig config() {
        return config;
    }

    @Override
    public List<RootCause> localize(Cube cube) {
        if (cube.dimensionCount() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("a cube can have at most " + MAX_DIMENSIONS
                    + " dimensions, this one has " + cube.dimensionCount()
                    + "; drop dimensions that cannot be a cause");
        }
        LeafDeviations deviations = LeafDeviations.of(cube, config.minDeviation());
        int[] abnormal = abnormalLeaves(deviations);
        if (abnormal.length == 0 || cube.leafCount() == 0) {
            return List.of();
        }

        Map<Long, Cuboid> cuboids = new HashMap<>();
        List<Cuboid> ordered = new ArrayList<>();
        for (int[] dims : cuboids(cube, config.maxLayer())) {
            Cuboid cuboid = Cuboid.build(cube, dims, deviations);
            cuboids.put(cuboid.mask, cuboid);
            ordered.add(cuboid);
        }

        // Layer by layer, so that combinations inside an earlier pick skip the ripple test.
        List<Candidate> chosen = new ArrayList<>();
        boolean[] covered = new boolean[abnormal.length];
        int from = 0;
        while (from < ordered.size()) {
            int layer = ordered.get(from).dims.length;
            List<Candidate> candidates = new ArrayList<>();
            for (; from < ordered.size() && ordered.get(from).dims.length == layer; from++) {
                collectCandidates(cube, deviations, ordered.get(from), cuboids, chosen,
                        candidates);
            }
            candidates.sort(Comparator.comparingDouble(Candidate::abnormalVolume).reversed());
            cover(cube, deviations, abnormal, candidates, chosen, covered);
        }
        chosen = dropMinorOpposite(chosen, deviations, abnormal);
        chosen = promote(cube, chosen, deviations, cuboids);
        return toRootCauses(cube, deviations, abnormal, chosen);
    }

    private static int[] abnormalLeaves(LeafDeviations deviations) {
        int count = 0;
        for (byte d : deviations.direction) {
            if (d != 0) {
                count++;
            }
        }
        int[] leaves = new int[count];
        int k = 0;
        for (int i = 0; i < deviations.direction.length; i++) {
            if (deviations.direction[i] != 0) {
                leaves[k++] = i;
            }
        }
        return leaves;
    }

    /**
     * Lists the cuboids (sets of dimension indexes) by layer. A layer is left out, with all
     * above it, when it would exceed {@value #MAX_CUBOIDS} cuboids or
     * {@value #MAX_ELEMENTS} elements in total.
     */
    static List<int[]> cuboids(Cube cube, int maxLayer) {
        List<int[]> result = new ArrayList<>();
        long elements = 0;
        int top = Math.min(maxLayer, cube.dimensionCount());
        for (int layer = 1; layer <= top; layer++) {
            List<int[]> layerCuboids = new ArrayList<>();
            addCombinations(cube.dimensionCount(), layer, 0, new int[layer], 0, layerCuboids);
            long layerElements = 0;
            for (int[] dims : layerCuboids) {
                layerElements += elementBound(cube, dims);
            }
            if (result.size() + layerCuboids.size() > MAX_CUBOIDS
                    || elements + layerElements > MAX_ELEMENTS) {
                // NOTE: wide or large cubes are searched only up to this layer, so a deeper
                // root cause comes back as a coarser combination or not at all.
                break;
            }
            result.addAll(layerCuboids);
            elements += layerElements;
        }
        return result;
    }

    /** Returns an upper bound on the elements of a cuboid: the smaller of leaves and cells. */
    private static long elementBound(Cube cube, int[] dims) {
        long cells = 1;
        for (int d : dims) {
            cells *= cube.cardinality(d);
            if (cells >= cube.leafCount()) {
                return cube.leafCount();
            }
        }
        return cells;
    }

    private static void addCombinations(int n, int k, int start, int[] current, int depth,
            List<int[]> out) {
        if (depth == k) {
            out.add(current.clone());
            return;
        }
        for (int d = start; d < n; d++) {
            current[depth] = d;
            addCombinations(n, k, d + 1, current, depth + 1, out);
        }
    }

    private void collectCandidates(Cube cube, LeafDeviations deviations, Cuboid cuboid,
            Map<Long, Cuboid> cuboids, List<Candidate> chosen, List<Candidate> out) {
        int[] codes = new int[cube.dimensionCount()];
        for (int e = 0; e < cuboid.elementCount(); e++) {
            if (cuboid.upLeaves[e] + cuboid.downLeaves[e] == 0 || cuboid.volume[e] <= 0) {
                continue;
            }
            int direction = Double.compare(cuboid.real[e], cuboid.expected[e]);
            double abnormalVolume = direction > 0 ? cuboid.upVolume[e] : cuboid.downVolume[e];
            if (direction == 0 || abnormalVolume < MIN_LEAF_PURITY * cuboid.volume[e]) {
                continue;
            }
            Arrays.fill(codes, -1);
            int leaf = cuboid.representative[e];
            for (int d : cuboid.dims) {
                codes[d] = cube.code(d, leaf);
            }
            if (!insideChosen(codes, chosen) && passesRippleTest(cube, deviations, cuboid, e, codes, direction, cuboids)) {
                out.add(new Candidate(cuboid, e, codes.clone(), direction, abnormalVolume));
            }
        }
    }

    /** Tells whether every split of the element by one more dimension deviates its way. */
    private boolean passesRippleTest(Cube cube, LeafDeviations deviations, Cuboid cuboid, int e,
            int[] codes, int direction, Map<Long, Cuboid> cuboids) {
        boolean split = false;
        for (int d = 0; d < cube.dimensionCount(); d++) {
            if (codes[d] >= 0) {
                continue;
            }
            Cuboid parts = cuboids.get(cuboid.mask | (1L << d));
            if (parts == null) {
                continue;
            }
            split = true;
            double deviatingVolume = 0;
            double partVolume = 0;
            int deviatingParts = 0;
            int partCount = 0;
            for (int value = 0; value < cube.cardinality(d); value++) {
                codes[d] = value;
                int part = parts.find(codes);
                if (part < 0 || parts.volume[part] <= 0) {
                    continue;
                }
                double volume = parts.volume[part];
                partVolume += volume;
                partCount++;
                if (deviations.classify(parts.score(part), volume) == direction) {
                    deviatingVolume += volume;
                    deviatingParts++;
                }
            }
            codes[d] = -1;
            if (partCount == 0
                    || deviatingVolume < config.purityThreshold() * partVolume
                    || deviatingParts < MIN_PART_SHARE * partCount) {
                return false;
            }
        }
        if (split) {
            return true;
        }
        double abnormalVolume = direction > 0 ? cuboid.upVolume[e] : cuboid.downVolume[e];
        int abnormalLeaves = direction > 0 ? cuboid.upLeaves[e] : cuboid.downLeaves[e];
        return abnormalVolume >= config.purityThreshold() * cuboid.volume[e]
                && abnormalLeaves >= MIN_PART_SHARE * cuboid.activeLeaves[e];
    }

    /** Adds the candidates of one layer to {@code chosen} and marks their leaves covered. */
    private static void cover(Cube cube, LeafDeviations deviations, int[] abnormal,
            List<Candidate> candidates, List<Candidate> chosen, boolean[] covered) {
        for (Candidate candidate : candidates) {
            if (insideChosen(candidate.codes, chosen)) {
                continue;
            }
            double total = 0;
            double fresh = 0;
            for (int k = 0; k < abnormal.length; k++) {
                int leaf = abnormal[k];
                if (deviations.direction[leaf] == candidate.direction
                        && candidate.contains(cube, leaf)) {
                    total += deviations.volume[leaf];
                    if (!covered[k]) {
                        fresh += deviations.volume[leaf];
                    }
                }
            }
            if (total <= 0 || fresh < MIN_NEW_SHARE * total) {
                continue;
            }
            chosen.add(candidate);
            for (int k = 0; k < abnormal.length; k++) {
                int leaf = abnormal[k];
                if (deviations.direction[leaf] == candidate.direction
                        && candidate.contains(cube, leaf)) {
                    covered[k] = true;
                }
            }
        }
    }

    private static boolean insideChosen(int[] codes, List<Candidate> chosen) {
        for (Candidate c : chosen) {
            if (c.generalizes(codes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces each chosen combination by a parent (one condition fewer) while the parent, less
     * the leaves of the other chosen combinations, deviates beyond the noise the same way, by at
     * least {@link #PROMOTION_RATIO} of the child's score, and in at least
     * {@link #PROMOTION_PART_SHARE} of its parts along the dropped dimension. Then drops
     * combinations inside others. A cause that hits most but not all parts of a larger
     * combination is so reported as the larger one, the form operators name, while a child
     * whose parent is diluted by normal parts stays itself.
     */
    private static List<Candidate> promote(Cube cube, List<Candidate> chosen,
            LeafDeviations deviations, Map<Long, Cuboid> cuboids) {
        List<Candidate> current = new ArrayList<>(chosen);
        for (int i = 0; i < current.size(); i++) {
            Candidate parent;
            while ((parent = bestParent(cube, current, i, deviations, cuboids)) != null) {
                current.set(i, parent);
            }
        }
        List<Candidate> result = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            Candidate c = current.get(i);
            boolean inside = false;
            for (int j = 0; j < current.size() && !inside; j++) {
                Candidate other = current.get(j);
                // Of two equal combinations, the first one stays.
                inside = j != i && other.generalizes(c) && (!c.generalizes(other) || j < i);
            }
            if (!inside) {
                result.add(c);
            }
        }
        return result;
    }

    private static Candidate bestParent(Cube cube, List<Candidate> chosen, int index,
            LeafDeviations deviations, Map<Long, Cuboid> cuboids) {
        Candidate child = chosen.get(index);
        int[] dims = child.cuboid.dims;
        if (dims.length < 2) {
            return null;
        }
        double childScore = Math.abs(child.cuboid.score(child.element));
        Candidate best = null;
        double bestScore = 0;
        for (int d : dims) {
            Cuboid parentCuboid = cuboids.get(child.cuboid.mask & ~(1L << d));
            int[] codes = child.codes.clone();
            codes[d] = -1;
            Candidate parent = new Candidate(parentCuboid, parentCuboid.find(codes), codes,
                    child.direction, 0);
            double[] residual = residualParts(cube, parent, d, chosen, index, deviations);
            double real = 0;
            double expected = 0;
            double volume = 0;
            int parts = 0;
            int deviatingParts = 0;
            for (int value = 0; value < cube.cardinality(d); value++) {
                double partReal = residual[3 * value];
                double partExpected = residual[3 * value + 1];
                double partVolume = residual[3 * value + 2];
                real += partReal;
                expected += partExpected;
                volume += partVolume;
                if (partVolume > 0) {
                    parts++;
                    if (deviations.classify(LeafDeviations.score(partReal, partExpected), partVolume)
                            == child.direction) {
                        deviatingParts++;
                    }
                }
            }
            double parentScore = LeafDeviations.score(real, expected);
            if (deviations.classify(parentScore, volume) != child.direction
                    || Math.abs(parentScore) < PROMOTION_RATIO * childScore
                    || deviatingParts < PROMOTION_PART_SHARE * parts
                    || Math.abs(parentScore) <= bestScore) {
                continue;
            }
            int e = parent.element;
            double abnormalVolume = child.direction > 0 ? parentCuboid.upVolume[e]
                    : parentCuboid.downVolume[e];
            best = new Candidate(parentCuboid, e, codes, child.direction, abnormalVolume);
            bestScore = Math.abs(parentScore);
        }
        return best;
    }

    /**
     * Sums real, expected and volume of the parent's leaves that lie in no other chosen
     * combination outside the parent, per value of dimension {@code d}: three entries per value.
     */
    private static double[] residualParts(Cube cube, Candidate parent, int d,
            List<Candidate> chosen, int index, LeafDeviations deviations) {
        double[] sums = new double[3 * cube.cardinality(d)];
        for (int leaf = 0; leaf < cube.leafCount(); leaf++) {
            if (!parent.contains(cube, leaf)) {
                continue;
            }
            boolean explained = false;
            for (int j = 0; j < chosen.size() && !explained; j++) {
                Candidate other = chosen.get(j);
                explained = j != index && !parent.generalizes(other) && other.contains(cube, leaf);
            }
            if (explained) {
                continue;
            }
            int value = cube.code(d, leaf);
            sums[3 * value] += deviations.real[leaf];
            sums[3 * value + 1] += deviations.expected[leaf];
            sums[3 * value + 2] += deviations.volume[leaf];
        }
        return sums;
    }

    private static List<Candidate> dropMinorOpposite(List<Candidate> chosen,
            LeafDeviations deviations, int[] abnormal) {
        double up = 0;
        double down = 0;
        for (int leaf : abnormal) {
            double deviation = Math.abs(deviations.real[leaf] - deviations.expected[leaf]);
            if (deviations.direction[leaf] > 0) {
                up += deviation;
            } else {
                down += deviation;
            }
        }
        int main = up >= down ? 1 : -1;
        double total = up + down;
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : chosen) {
            double deviation = Math.abs(c.cuboid.real[c.element] - c.cuboid.expected[c.element]);
            if (c.direction == main || deviation >= MIN_OPPOSITE_SHARE * total) {
                kept.add(c);
            }
        }
        return kept;
    }

    private List<RootCause> toRootCauses(Cube cube, LeafDeviations deviations, int[] abnormal,
            List<Candidate> chosen) {
        double abnormalVolume = 0;
        for (int leaf : abnormal) {
            abnormalVolume += deviations.volume[leaf];
        }
        double totalVolume = 0;
        double totalDeviation = 0;
        for (int i = 0; i < cube.leafCount(); i++) {
            totalVolume += deviations.volume[i];
            totalDeviation += deviations.real[i] - deviations.expected[i];
        }

        List<RootCause> result = new ArrayList<>();
        List<RootCause> strong = new ArrayList<>();
        for (Candidate c : chosen) {
            Cuboid s = c.cuboid;
            int e = c.element;
            List<RootCause.Condition> conditions = new ArrayList<>();
            for (int d : s.dims) {
                conditions.add(new RootCause.Condition(cube.dimension(d), cube.value(d, c.codes[d])));
            }
            double deviation = s.real[e] - s.expected[e];
            double share = totalDeviation != 0 ? deviation / totalDeviation : 0;
            double real = cube.isDerived() ? ratio(s.real[e], s.realDenominator[e]) : s.real[e];
            double expected = cube.isDerived() ? ratio(s.expected[e], s.realDenominator[e])
                    : s.expected[e];
            RootCause cause = new RootCause(conditions, c.abnormalVolume / abnormalVolume, share,
                    s.volume[e] / totalVolume, s.leaves[e], real, expected);
            result.add(cause);
            if (isStrong(deviations, s.score(e), s.volume[e])) {
                strong.add(cause);
            }
        }
        result.sort(Comparator.comparingDouble(RootCause::score).reversed());
        if (!result.isEmpty()) {
            double minScore = config.minRelativeScore() * result.get(0).score();
            result.removeIf(r -> r.score() < minScore && !strong.contains(r));
        }
        return result.size() > config.maxRootCauses()
                ? List.copyOf(result.subList(0, config.maxRootCauses())) : result;
    }

    /**
     * Tells whether a combination deviates so clearly that it stays even below the relative
     * score cut: by {@value #STRONG_DEVIATION_FACTOR} times the leaf threshold, with at least
     * the volume of a large leaf. The volume condition keeps out small leaves of count data,
     * whose scores swing widely by chance.
     */
    private static boolean isStrong(LeafDeviations deviations, double score, double volume) {
        double threshold = score > 0 ? deviations.upperThreshold : -deviations.lowerThreshold;
        return Math.abs(score) >= STRONG_DEVIATION_FACTOR * threshold
                && volume >= deviations.largeLeafVolume;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }

    /**
     * A combination that passed the ripple test.
     *
     * @param codes value code per dimension index, -1 for dimensions not in the combination
     */
    private record Candidate(Cuboid cuboid, int element, int[] codes, int direction,
            double abnormalVolume) {

        boolean contains(Cube cube, int leaf) {
            for (int d : cuboid.dims) {
                if (cube.code(d, leaf) != codes[d]) {
                    return false;
                }
            }
            return true;
        }

        /** Tells whether every condition of this combination is also a condition of {@code other}. */
        boolean generalizes(Candidate other) {
            return generalizes(other.codes);
        }

        /** Tells whether every condition of this combination holds for the given codes. */
        boolean generalizes(int[] otherCodes) {
            for (int d : cuboid.dims) {
                if (otherCodes[d] != codes[d]) {
                    return false;
                }
            }
            return true;
        }
    }
}
