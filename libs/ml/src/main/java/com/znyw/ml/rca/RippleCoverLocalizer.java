package com.znyw.ml.rca;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-dimensional root-cause localization by labelling leaves and covering the abnormal ones
 * with the most general pure combinations.
 *
 * <p>The idea, in three steps:
 * <ol>
 *   <li><b>Leaf deviation.</b> Each leaf gets the deviation score {@code 2(v - f) / (v + f)} of
 *   Squeeze (Li et al., ISSRE 2021), with derived measures first brought to the additive scale of
 *   their numerator (see {@link LeafDeviations}). Leaves outside the normal mode of the
 *   volume-weighted score histogram are abnormal, split by direction. Like Squeeze, this relies
 *   on the <em>ripple effect</em> (Gu et al., HotSpot, IEEE Access 2018): a root cause moves all
 *   of its leaves by a similar ratio, so they share a score away from 0.</li>
 *   <li><b>Purity per combination.</b> For every combination of up to {@code maxLayer}
 *   dimensions that contains an abnormal leaf, the share of its volume in abnormal leaves of one
 *   direction. This is the first part of RiskLoc's risk score (Kalander, 2022); weighting by
 *   volume keeps tiny, noisy leaves from deciding.</li>
 *   <li><b>Greedy cover.</b> Layer by layer, from one dimension up, the combinations whose purity
 *   reaches {@code purityThreshold} are taken in order of abnormal volume, unless they lie inside
 *   a combination already taken or their abnormal leaves are mostly covered already. Preferring
 *   the most general combination follows the succinctness rule of Squeeze and HotSpot.</li>
 * </ol>
 * Results are ranked by purity times covered share of the abnormal volume. Several root causes
 * in different dimensions and directions are found in one pass, and leaves with zero values
 * carry no volume so they neither help nor hurt a combination.
 *
 * <p>Cost: one pass over all leaves per cuboid, so {@code O(leaves * cuboids)}; at most
 * {@value #MAX_CUBOIDS} cuboids are searched, by lowering the layer for cubes with many
 * dimensions. Not thread-safe per call state is local, so one instance can serve many threads.
 */
public final class RippleCoverLocalizer implements RootCauseLocalizer {

    static final int MAX_CUBOIDS = 4096;
    /** A candidate whose abnormal volume is mostly taken by earlier picks adds no new cause. */
    private static final double MIN_NEW_SHARE = 0.5;

    private static final int VOLUME = 0;
    private static final int UP = 1;
    private static final int DOWN = 2;
    private static final int REAL = 3;
    private static final int EXPECTED = 4;
    private static final int LEAVES = 5;
    private static final int REAL_DENOMINATOR = 6;
    private static final int STAT_COUNT = 7;

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
        LeafDeviations deviations = LeafDeviations.of(cube, config.minDeviation());
        int[] abnormal = abnormalLeaves(deviations);
        if (abnormal.length == 0) {
            return List.of();
        }

        List<int[]> cuboids = cuboids(cube.dimensionCount(), config.maxLayer());
        List<Candidate> candidates = new ArrayList<>();
        for (int[] cuboid : cuboids) {
            collectPureElements(cube, deviations, abnormal, cuboid, candidates);
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.dims.length)
                .thenComparing(Comparator.comparingDouble(Candidate::abnormalVolume).reversed()));

        List<Candidate> chosen = cover(cube, deviations, abnormal, candidates);
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

    /** Lists the cuboids (sets of dimension indexes) by layer, within the layer and size caps. */
    static List<int[]> cuboids(int dimensionCount, int maxLayer) {
        List<int[]> result = new ArrayList<>();
        int top = Math.min(maxLayer, dimensionCount);
        for (int layer = 1; layer <= top; layer++) {
            List<int[]> layerCuboids = new ArrayList<>();
            addCombinations(dimensionCount, layer, 0, new int[layer], 0, layerCuboids);
            if (result.size() + layerCuboids.size() > MAX_CUBOIDS) {
                break;
            }
            result.addAll(layerCuboids);
        }
        return result;
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

    private void collectPureElements(Cube cube, LeafDeviations deviations, int[] abnormal,
            int[] cuboid, List<Candidate> out) {
        long[] radix = radix(cube, cuboid);
        Map<Long, double[]> stats = new HashMap<>();
        Map<Long, Integer> representative = new HashMap<>();
        for (int leaf : abnormal) {
            long key = key(cube, cuboid, radix, leaf);
            if (stats.putIfAbsent(key, new double[STAT_COUNT]) == null) {
                representative.put(key, leaf);
            }
        }
        for (int leaf = 0; leaf < cube.leafCount(); leaf++) {
            double[] s = stats.get(key(cube, cuboid, radix, leaf));
            if (s == null) {
                continue;
            }
            double volume = deviations.volume[leaf];
            s[VOLUME] += volume;
            if (deviations.direction[leaf] > 0) {
                s[UP] += volume;
            } else if (deviations.direction[leaf] < 0) {
                s[DOWN] += volume;
            }
            s[REAL] += deviations.real[leaf];
            s[EXPECTED] += deviations.expected[leaf];
            s[LEAVES] += 1;
            s[REAL_DENOMINATOR] += cube.realDenominator(leaf);
        }
        for (Map.Entry<Long, double[]> e : stats.entrySet()) {
            double[] s = e.getValue();
            if (s[VOLUME] <= 0) {
                continue;
            }
            int direction = s[UP] >= s[DOWN] ? 1 : -1;
            double abnormalVolume = Math.max(s[UP], s[DOWN]);
            double purity = abnormalVolume / s[VOLUME];
            if (purity >= config.purityThreshold()) {
                int leaf = representative.get(e.getKey());
                int[] codes = new int[cuboid.length];
                for (int j = 0; j < cuboid.length; j++) {
                    codes[j] = cube.code(cuboid[j], leaf);
                }
                out.add(new Candidate(cuboid, codes, direction, purity, abnormalVolume, s));
            }
        }
    }

    private static long[] radix(Cube cube, int[] cuboid) {
        long[] radix = new long[cuboid.length];
        long product = 1;
        for (int j = 0; j < cuboid.length; j++) {
            radix[j] = product;
            try {
                product = Math.multiplyExact(product, (long) cube.cardinality(cuboid[j]));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("the dimensions of a " + cuboid.length
                        + "-dimension combination have too many values to index; lower maxLayer",
                        e);
            }
        }
        return radix;
    }

    private static long key(Cube cube, int[] cuboid, long[] radix, int leaf) {
        long key = 0;
        for (int j = 0; j < cuboid.length; j++) {
            key += cube.code(cuboid[j], leaf) * radix[j];
        }
        return key;
    }

    private static List<Candidate> cover(Cube cube, LeafDeviations deviations, int[] abnormal,
            List<Candidate> candidates) {
        List<Candidate> chosen = new ArrayList<>();
        boolean[] covered = new boolean[abnormal.length];
        for (Candidate candidate : candidates) {
            if (insideChosen(candidate, chosen)) {
                continue;
            }
            double total = 0;
            double fresh = 0;
            for (int k = 0; k < abnormal.length; k++) {
                int leaf = abnormal[k];
                if (deviations.direction[leaf] == candidate.direction && candidate.contains(cube, leaf)) {
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
                if (deviations.direction[leaf] == candidate.direction && candidate.contains(cube, leaf)) {
                    covered[k] = true;
                }
            }
        }
        return chosen;
    }

    private static boolean insideChosen(Candidate candidate, List<Candidate> chosen) {
        for (Candidate c : chosen) {
            if (c.generalizes(candidate)) {
                return true;
            }
        }
        return false;
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
        for (Candidate c : chosen) {
            double[] s = c.stats;
            List<RootCause.Condition> conditions = new ArrayList<>();
            for (int j = 0; j < c.dims.length; j++) {
                conditions.add(new RootCause.Condition(cube.dimension(c.dims[j]),
                        cube.value(c.dims[j], c.codes[j])));
            }
            double deviation = s[REAL] - s[EXPECTED];
            double share = totalDeviation != 0 ? deviation / totalDeviation : 0;
            double real = cube.isDerived() ? ratio(s[REAL], s[REAL_DENOMINATOR]) : s[REAL];
            double expected = cube.isDerived() ? ratio(s[EXPECTED], s[REAL_DENOMINATOR])
                    : s[EXPECTED];
            result.add(new RootCause(conditions, c.purity * c.abnormalVolume / abnormalVolume,
                    share, s[VOLUME] / totalVolume, (int) s[LEAVES], real, expected));
        }
        result.sort(Comparator.comparingDouble(RootCause::score).reversed());
        return result.size() > config.maxRootCauses()
                ? List.copyOf(result.subList(0, config.maxRootCauses())) : result;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }

    /** A combination that passed the purity test, with its statistics. */
    private record Candidate(int[] dims, int[] codes, int direction, double purity,
            double abnormalVolume, double[] stats) {

        boolean contains(Cube cube, int leaf) {
            for (int j = 0; j < dims.length; j++) {
                if (cube.code(dims[j], leaf) != codes[j]) {
                    return false;
                }
            }
            return true;
        }

        /** Tells whether every condition of this combination also holds in {@code other}. */
        boolean generalizes(Candidate other) {
            for (int j = 0; j < dims.length; j++) {
                boolean found = false;
                for (int k = 0; k < other.dims.length; k++) {
                    if (other.dims[k] == dims[j]) {
                        found = other.codes[k] == codes[j];
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
    }
}
