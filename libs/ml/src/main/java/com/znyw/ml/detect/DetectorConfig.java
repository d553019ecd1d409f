package com.znyw.ml.detect;

/**
 * User-facing detector settings.
 *
 * @param sensitivity 0 (only flag the most extreme points) to 10 (flag anything unusual);
 *                    5 is the default
 */
public record DetectorConfig(double sensitivity) {

    public static final double DEFAULT_SENSITIVITY = 5.0;

    public DetectorConfig {
        if (!(sensitivity >= 0 && sensitivity <= 10)) {
            throw new IllegalArgumentException(
                    "sensitivity must be between 0 and 10, was " + sensitivity);
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(DEFAULT_SENSITIVITY);
    }
}
