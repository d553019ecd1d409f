package com.znyw.ml.rca;

import java.util.Random;
import java.util.function.Predicate;

/** Builds test cubes with multiplicative noise and known root causes. */
final class SyntheticCubes {

    private SyntheticCubes() {
    }

    /**
     * Builds a full cube over the given cardinalities (dimensions named a, b, c, ..., values
     * a1, a2, ...). Each leaf's expected value is log-normal, so sizes are skewed; the real value
     * is the expected one times {@code 1 + noise * N(0, 1)}, and times {@code 1 + change} for
     * leaves matching the root cause. A share {@code zeroRate} of the leaves is 0 in both.
     */
    static Cube fundamental(long seed, int[] cardinalities, double noise, double zeroRate,
            Predicate<String[]> rootCause, double change) {
        Random random = new Random(seed);
        String[] names = names(cardinalities.length);
        Cube.Builder builder = new Cube.Builder(names);
        forEachLeaf(cardinalities, values -> {
            double predict = Math.exp(3 + 1.5 * random.nextGaussian());
            if (random.nextDouble() < zeroRate) {
                builder.add(values, 0, 0);
                return;
            }
            double real = predict * Math.max(0, 1 + noise * random.nextGaussian());
            if (rootCause.test(values)) {
                real *= 1 + change;
            }
            builder.add(values, real, predict);
        });
        return builder.build();
    }

    /**
     * Builds a cube of {@code leaves} random leaves (values drawn per dimension, repeats
     * possible) with 5 % noise, where leaves with {@code b2} and {@code f3} drop by 60 %.
     */
    static Cube sparse(long seed, int[] cardinalities, int leaves) {
        Random random = new Random(seed);
        int dimensions = cardinalities.length;
        String[][] values = new String[dimensions][];
        int[][] codes = new int[dimensions][leaves];
        for (int d = 0; d < dimensions; d++) {
            values[d] = new String[cardinalities[d]];
            for (int v = 0; v < cardinalities[d]; v++) {
                values[d][v] = (char) ('a' + d) + String.valueOf(v + 1);
            }
            for (int i = 0; i < leaves; i++) {
                codes[d][i] = random.nextInt(cardinalities[d]);
            }
        }
        double[] real = new double[leaves];
        double[] predict = new double[leaves];
        for (int i = 0; i < leaves; i++) {
            predict[i] = Math.exp(3 + 1.5 * random.nextGaussian());
            real[i] = predict[i] * (1 + 0.05 * random.nextGaussian());
            if (dimensions > 5 && codes[1][i] == 1 && codes[5][i] == 2) {
                real[i] *= 0.4;
            }
        }
        return Cube.fundamental(names(dimensions), values, codes, real, predict);
    }

    static String[] names(int count) {
        String[] names = new String[count];
        for (int d = 0; d < count; d++) {
            names[d] = String.valueOf((char) ('a' + d));
        }
        return names;
    }

    static void forEachLeaf(int[] cardinalities, java.util.function.Consumer<String[]> action) {
        int[] index = new int[cardinalities.length];
        while (true) {
            String[] values = new String[cardinalities.length];
            for (int d = 0; d < values.length; d++) {
                values[d] = (char) ('a' + d) + String.valueOf(index[d] + 1);
            }
            action.accept(values);
            int d = cardinalities.length - 1;
            while (d >= 0 && ++index[d] == cardinalities[d]) {
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }
}
