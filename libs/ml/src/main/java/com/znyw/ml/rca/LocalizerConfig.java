package com.znyw.ml.rca;

import java.io.Serializable;

/**
 * Settings of {@link RippleCoverLocalizer}. The defaults are one set for every data set; nothing
 * is tuned per cube.
 *
 * @param purityThreshold  minimum share of a combination's volume in parts that deviate its
 *                         way, when split by any further dimension, for it to be a root cause;
 *                         for a single leaf, the leaf itself must deviate; in (0, 1]
 * @param minDeviation     smallest leaf deviation score {@code |2(v - f) / (v + f)|} that can
 *                         count as abnormal, even when the noise is lower, in [0, 2)
 * @param maxLayer         largest number of dimensions in one combination, at least 1; layers
 *                         above the cube's dimension count are ignored
 * @param maxRootCauses    largest number of root causes returned, at least 1
 * @param minRelativeScore root causes whose score is below this fraction of the best one's are
 *                         dropped, in [0, 1]; 0 keeps all
 */
public record LocalizerConfig(double purityThreshold, double minDeviation, int maxLayer,
        int maxRootCauses, double minRelativeScore) implements Serializable {

    public static final double DEFAULT_PURITY_THRESHOLD = 0.8;
    public static final double DEFAULT_MIN_DEVIATION = 0.02;
    public static final int DEFAULT_MAX_LAYER = 6;
    public static final int DEFAULT_MAX_ROOT_CAUSES = 10;
    public static final double DEFAULT_MIN_RELATIVE_SCORE = 0.2;

    public LocalizerConfig {
        if (!(purityThreshold > 0 && purityThreshold <= 1)) {
            throw new IllegalArgumentException("purityThreshold must be in (0, 1], was "
                    + purityThreshold);
        }
        if (!(minDeviation >= 0 && minDeviation < 2)) {
            throw new IllegalArgumentException("minDeviation must be in [0, 2), was "
                    + minDeviation);
        }
        if (maxLayer < 1) {
            throw new IllegalArgumentException("maxLayer must be at least 1, was " + maxLayer);
        }
        if (!(minRelativeScore >= 0 && minRelativeScore <= 1)) {
            throw new IllegalArgumentException("minRelativeScore must be in [0, 1], was "
                    + minRelativeScore);
        }
        if (maxRootCauses < 1) {
            throw new IllegalArgumentException("maxRootCauses must be at least 1, was "
                    + maxRootCauses);
        }
    }

    public static LocalizerConfig defaults() {
        return new LocalizerConfig(DEFAULT_PURITY_THRESHOLD, DEFAULT_MIN_DEVIATION,
                DEFAULT_MAX_LAYER, DEFAULT_MAX_ROOT_CAUSES, DEFAULT_MIN_RELATIVE_SCORE);
    }
}
