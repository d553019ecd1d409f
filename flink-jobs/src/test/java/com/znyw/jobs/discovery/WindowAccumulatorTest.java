package com.znyw.jobs.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowAccumulatorTest {

    @Test
    void statisticsOfUnorderedPoints() {
        WindowAccumulator accumulator = new WindowAccumulator();
        long[] timestamps = {30_000, 0, 10_000, 20_000, 10_000, 60_000};
        double[] values = {4, 1, 2, 3, 2, 5};
        for (int i = 0; i < timestamps.length; i++) {
            accumulator.add(timestamps[i], values[i]);
        }

        assertThat(accumulator.count).isEqualTo(6);
        assertThat(accumulator.min).isEqualTo(1);
        assertThat(accumulator.max).isEqualTo(5);
        assertThat(accumulator.sum).isEqualTo(17);
        assertThat(accumulator.firstTs()).isEqualTo(0);
        assertThat(accumulator.lastTs()).isEqualTo(60_000);
        // Gaps 10, 10, 10, 30 s; the duplicate at 10 s adds no zero gap.
        assertThat(accumulator.medianIntervalMs()).isEqualTo(10_000);
    }

    @Test
    void evenGapCountAveragesMiddlePair() {
        WindowAccumulator accumulator = new WindowAccumulator();
        accumulator.add(0, 1);
        accumulator.add(1_000, 1);
        accumulator.add(4_000, 1);

        assertThat(accumulator.medianIntervalMs()).isEqualTo(2_000);
    }

    @Test
    void singleOrRepeatedPointHasNoInterval() {
        WindowAccumulator accumulator = new WindowAccumulator();
        accumulator.add(5_000, 1);
        assertThat(accumulator.medianIntervalMs()).isZero();

        accumulator.add(5_000, 2);
        assertThat(accumulator.medianIntervalMs()).isZero();
    }

    @Test
    void mergeCombinesBothSides() {
        WindowAccumulator left = new WindowAccumulator();
        WindowAccumulator right = new WindowAccumulator();
        for (int i = 0; i < 5; i++) {
            left.add(i * 2_000L, i);
            right.add(i * 2_000L + 1_000, -i);
        }

        left.merge(right);

        assertThat(left.count).isEqualTo(10);
        assertThat(left.size).isEqualTo(10);
        assertThat(left.min).isEqualTo(-4);
        assertThat(left.max).isEqualTo(4);
        assertThat(left.medianIntervalMs()).isEqualTo(1_000);
    }
}
