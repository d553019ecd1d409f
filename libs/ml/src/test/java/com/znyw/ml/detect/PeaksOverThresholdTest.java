package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PeaksOverThresholdTest {

    @Test
    void exponentialTailIsEstimated() {
        // For Exp(1) deviations the true tail is P(D > d) = exp(-d).
        PeaksOverThreshold tail = new PeaksOverThreshold();
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            tail.learn(-Math.log(1 - random.nextDouble()));
        }

        // The fit uses the last 64 peaks only, so an order of magnitude is the honest bound.
        for (double d : new double[] {5, 7, 9}) {
            double estimate = tail.tailProbability(d);
            assertThat(estimate).as("P(D > %s)", d)
                    .isBetween(Math.exp(-d) / 10, Math.exp(-d) * 10);
        }
    }

    @Test
    void probabilityFallsWithDeviation() {
        PeaksOverThreshold tail = new PeaksOverThreshold();
        Random random = new Random(18);
        for (int i = 0; i < 5000; i++) {
            tail.learn(Math.abs(random.nextGaussian()));
        }

        double previous = 1.0;
        for (double d = 0; d < 20; d += 0.5) {
            double p = tail.tailProbability(d);
            assertThat(p).as("P(D > %s)", d).isLessThanOrEqualTo(previous);
            previous = p;
        }
    }

    @Test
    void learningPeriodReturnsOne() {
        PeaksOverThreshold tail = new PeaksOverThreshold();
        for (int i = 0; i < PeaksOverThreshold.MIN_OBSERVATIONS - 1; i++) {
            tail.learn(1.0);
        }

        assertThat(tail.tailProbability(1e5)).isEqualTo(1.0);
    }
}
