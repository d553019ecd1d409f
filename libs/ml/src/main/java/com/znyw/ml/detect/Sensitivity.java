package com.znyw.ml.detect;

/**
 * The one place where the user's sensitivity knob (0..10) becomes detector parameters.
 *
 * <ul>
 *   <li>Alarm tail probability: {@code 10^-(7 - 0.5 * sensitivity)}, so 0 alarms at 1e-7, the
 *   default 5 at about 3e-5 (roughly one false alarm per 4 weeks of 1-minute points on a
 *   well-modelled series) and 10 at 1e-2.</li>
 *   <li>Score: {@code -log10(p) / }{@value #SCORE_DECADES}, clamped to 0..1, so the score does
 *   not depend on sensitivity and 1 means a tail probability of 1e-10 or less.</li>
 * </ul>
 */
record Sensitivity(double level) {

    static final double SCORE_DECADES = 10.0;

    static Sensitivity of(DetectorConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null; pass DetectorConfig.defaults()");
        }
        return new Sensitivity(config.sensitivity());
    }

    /** Tail probability below which a point is called anomalous. */
    double alarmProbability() {
        return Math.pow(10.0, -(7.0 - 0.5 * level));
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
        return Math.min(1.0, decades / SCORE_DECADES);
    }
}
