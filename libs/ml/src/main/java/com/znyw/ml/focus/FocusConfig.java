package com.znyw.ml.focus;

import java.io.Serializable;

/**
 * Settings of {@link ContrastSetMiner}.
 *
 * @param maxConditions  largest number of attribute values in one rule, at least 1
 * @param minBadRecords  smallest number of bad records a rule must hold, at least 1
 * @param minLift        smallest lift (confidence over the base bad rate) of a rule, at least 1
 * @param minZScore      significance of a rule as a one-sided z-score, at least 0. A rule's
 *                       bad count must be as unlikely at the base rate as a normal variable
 *                       above this value (3 is 0.13 %), with that chance divided by the number
 *                       of groups tested
 * @param minImprovement how much a rule's confidence must exceed that of each rule with one
 *                       condition fewer, in [0, 1]; keeps conditions that add nothing out
 * @param maxRules       largest number of rules returned, at least 1
 */
public record FocusConfig(int maxConditions, int minBadRecords, double minLift, double minZScore,
        double minImprovement, int maxRules) implements Serializable {

    public static final int DEFAULT_MAX_CONDITIONS = 3;
    public static final int DEFAULT_MIN_BAD_RECORDS = 5;
    public static final double DEFAULT_MIN_LIFT = 1.5;
    public static final double DEFAULT_MIN_Z_SCORE = 3.0;
    public static final double DEFAULT_MIN_IMPROVEMENT = 0.05;
    public static final int DEFAULT_MAX_RULES = 20;

    public FocusConfig {
        if (maxConditions < 1) {
            throw new IllegalArgumentException("maxConditions must be at least 1, was "
                    + maxConditions);
        }
        if (minBadRecords < 1) {
            throw new IllegalArgumentException("minBadRecords must be at least 1, was "
                    + minBadRecords);
        }
        if (!(minLift >= 1) || Double.isInfinite(minLift)) {
            throw new IllegalArgumentException("minLift must be a finite number of at least 1,"
                    + " was " + minLift);
        }
        if (!(minZScore >= 0) || Double.isInfinite(minZScore)) {
            throw new IllegalArgumentException("minZScore must be a finite number of at least 0,"
                    + " was " + minZScore);
        }
        if (!(minImprovement >= 0 && minImprovement <= 1)) {
            throw new IllegalArgumentException("minImprovement must be in [0, 1], was "
                    + minImprovement);
        }
        if (maxRules < 1) {
            throw new IllegalArgumentException("maxRules must be at least 1, was " + maxRules);
        }
    }

    public static FocusConfig defaults() {
        return new FocusConfig(DEFAULT_MAX_CONDITIONS, DEFAULT_MIN_BAD_RECORDS, DEFAULT_MIN_LIFT,
                DEFAULT_MIN_Z_SCORE, DEFAULT_MIN_IMPROVEMENT, DEFAULT_MAX_RULES);
    }
}
