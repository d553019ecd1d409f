package com.znyw.ml.rca;

/**
 * Aggregates of every combination (element) of one set of dimensions: volume, abnormal volume
 * per direction, real and expected sums and leaf counts, in flat arrays indexed by element.
 */
final class Cuboid {

    final int[] dims;
    final long mask;
    private final long[] radix;
    private final LongIndexMap index;
    /** A leaf of each element, to read the element's dimension values back. */
    final int[] representative;
    final double[] volume;
    final double[] upVolume;
    final double[] downVolume;
    final double[] real;
    final double[] expected;
    final double[] realDenominator;
    final int[] leaves;
    /** Leaves with a volume above 0. */
    final int[] activeLeaves;
    final int[] upLeaves;
    final int[] downLeaves;

    private Cuboid(int[] dims, long[] radix, LongIndexMap index, int elements) {
        this.dims = dims;
        long m = 0;
        for (int d : dims) {
            m |= 1L << d;
        }
        this.mask = m;
        this.radix = radix;
        this.index = index;
        representative = new int[elements];
        volume = new double[elements];
        upVolume = new double[elements];
        downVolume = new double[elements];
        real = new double[elements];
        expected = new double[elements];
        realDenominator = new double[elements];
        leaves = new int[elements];
        activeLeaves = new int[elements];
        upLeaves = new int[elements];
        downLeaves = new int[elements];
    }

    static Cuboid build(Cube cube, int[] dims, LeafDeviations deviations) {
        long[] radix = radix(cube, dims);
        int n = cube.leafCount();
        LongIndexMap index = new LongIndexMap(Math.min(n, (int) Math.min(1 << 20,
                estimateSize(cube, dims))));
        int[] elementOfLeaf = new int[n];
        for (int leaf = 0; leaf < n; leaf++) {
            long key = 0;
            for (int j = 0; j < dims.length; j++) {
                key += cube.code(dims[j], leaf) * radix[j];
            }
            elementOfLeaf[leaf] = index.getOrAdd(key);
        }
        Cuboid cuboid = new Cuboid(dims, radix, index, index.size());
        boolean[] seen = new boolean[index.size()];
        for (int leaf = 0; leaf < n; leaf++) {
            int e = elementOfLeaf[leaf];
            if (!seen[e]) {
                seen[e] = true;
                cuboid.representative[e] = leaf;
            }
            double v = deviations.volume[leaf];
            cuboid.volume[e] += v;
            cuboid.real[e] += deviations.real[leaf];
            cuboid.expected[e] += deviations.expected[leaf];
            cuboid.realDenominator[e] += cube.realDenominator(leaf);
            cuboid.leaves[e]++;
            if (v > 0) {
                cuboid.activeLeaves[e]++;
            }
            if (deviations.direction[leaf] > 0) {
                cuboid.upVolume[e] += v;
                cuboid.upLeaves[e]++;
            } else if (deviations.direction[leaf] < 0) {
                cuboid.downVolume[e] += v;
                cuboid.downLeaves[e]++;
            }
        }
        return cuboid;
    }

    private static long estimateSize(Cube cube, int[] dims) {
        long product = 1;
        for (int d : dims) {
            product = Math.min(1L << 30, product * cube.cardinality(d));
        }
        return product;
    }

    private static long[] radix(Cube cube, int[] dims) {
        long[] radix = new long[dims.length];
        long product = 1;
        for (int j = 0; j < dims.length; j++) {
            radix[j] = product;
            try {
                product = Math.multiplyExact(product, (long) cube.cardinality(dims[j]));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("the dimensions of a " + dims.length
                        + "-dimension combination have too many values to index; lower maxLayer",
                        e);
            }
        }
        return radix;
    }

    int elementCount() {
        return representative.length;
    }

    /**
     * Returns the element index for the given codes, indexed by dimension and read only for this
     * cuboid's dimensions, or -1 when no leaf has them.
     */
    int find(int[] codesByDimension) {
        long key = 0;
        for (int j = 0; j < dims.length; j++) {
            key += codesByDimension[dims[j]] * radix[j];
        }
        return index.get(key);
    }

    /** Returns the deviation score of an element's aggregate, as for a leaf. */
    double score(int e) {
        return LeafDeviations.score(real[e], expected[e]);
    }
}
