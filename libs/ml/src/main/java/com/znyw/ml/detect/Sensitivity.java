package com.znyw.ml.detect;

/**
 * The one place where the user's sensitivity knob (0..10) becomes detector parameters.
 *
 * <ul>
 *   <li>Alarm tail probability: {@code 10^-(8 - 0.5 * sensitivity)}, so 0 alarms at 1e-8, the
 *   default 5 at about 3e-6 and 10 at 1e-3. The tail estimates that far out are extrapolations,
 *   so the real false-alarm rate is higher: on a clean daily sine with noise the default raised
 *   about one alarm a week (the ensemble tests check at most 3 in 14 days of 5-minute
 *   points).</li>
 *   <li>Score: {@code 1 - exp(log10(p) / }{@value #SCORE_DECADES}{@code )}, so the score does not
 *   depend on sensitivity, rises with every decade of improbability and never saturates below
 *   p = 1e-40: p = 1e-3 scores 0.39, 1e-6 scores 0.63, 1e-12 scores 0.86.</li>
 * </ul>
 */
record Sensitivity(double level) {

    static final double SCORE_DECADES = 6.0;

    static Sensitivity of(DetectorConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null; pass DetectorConfig.defaults()");
        }
        return new Sensitivity(config.sensitivity());
    }

    /** Tail probability below which a point is called anomalous. */
    double alarmProbability() {
        return Math.pow(10.0, -(8.0 - 0.5 * level));
    }

    /** Score at which a point is called anomalous. */
    double alarmScore() {
        return scoreOf(alarmProbability());
    }

    /** Maps a tail probability to a score in 0..1. */
    static double scoreOf(double probability) {
        if (!(probability < 1.0)) {
            return 0.0;
        }
        double decades = -Math.log10(Math.max(probability, 1e-300));
        return 1.0 - Math.exp(-decades / SCORE_DECADES);
    }
}
