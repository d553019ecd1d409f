package com.znyw.ml.detect;

/**
 * Result of scoring one point of a series.
 *
 * @param score    anomaly score in 0..1, where 1 is certainly anomalous
 * @param expected the value the model expected at this point
 * @param lower    lower edge of the expected band
 * @param upper    upper edge of the expected band
 * @param anomaly  the verdict at the detector's current sensitivity
 * @param detector name of the model component that contributed most to the score
 */
public record Detection(double score, double expected, double lower, double upper,
                        boolean anomaly, String detector) {
}
