package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AlarmMemoryTest {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 1440 * MINUTE;
    private static final long STEP = 5 * MINUTE;
    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    /** Feeds quiet 5-minute points from {@code from} up to, not including, {@code to}. */
    private static long quiet(AlarmMemory memory, long point, long from, long to) {
        for (long t = from; t < to; t += STEP) {
            memory.filter(++point, t, 0.05);
        }
        return point;
    }

    @Test
    void nightlyRepeatIsDamped() {
        AlarmMemory memory = new AlarmMemory();
        long point = quiet(memory, 0, 0, 3 * 60 * MINUTE);
        double first = memory.filter(++point, 3 * 60 * MINUTE, 0.7);
        point = quiet(memory, point, 3 * 60 * MINUTE + STEP, DAY + 3 * 60 * MINUTE + 20 * MINUTE);
        // The next night's spike comes 20 minutes later and is no stronger.
        double second = memory.filter(++point, DAY + 3 * 60 * MINUTE + 20 * MINUTE, 0.7);

        assertThat(first).isCloseTo(0.7, EXACT);
        assertThat(second).isCloseTo(0.7 * AlarmMemory.DAMPING, EXACT);
    }

    @Test
    void strongerOrOtherTimeIsKept() {
        AlarmMemory memory = new AlarmMemory();
        long point = quiet(memory, 0, 0, 3 * 60 * MINUTE);
        memory.filter(++point, 3 * 60 * MINUTE, 0.6);
        point = quiet(memory, point, 3 * 60 * MINUTE + STEP, DAY + 15 * 60 * MINUTE);
        double otherTime = memory.filter(++point, DAY + 15 * 60 * MINUTE, 0.6);
        point = quiet(memory, point, DAY + 15 * 60 * MINUTE + STEP, 2 * DAY + 3 * 60 * MINUTE);
        double stronger = memory.filter(++point, 2 * DAY + 3 * 60 * MINUTE, 0.8);

        assertThat(otherTime).isCloseTo(0.6, EXACT);
        assertThat(stronger).isCloseTo(0.8, EXACT);
    }

    @Test
    void memoryFadesOverWeeks() {
        AlarmMemory memory = new AlarmMemory();
        long point = quiet(memory, 0, 0, 3 * 60 * MINUTE);
        memory.filter(++point, 3 * 60 * MINUTE, 0.7);
        // 0.7 * 0.98^60 is about 0.21, so 0.5 beats it two months later.
        point = quiet(memory, point, 3 * 60 * MINUTE + STEP, 60 * DAY + 3 * 60 * MINUTE);
        double later = memory.filter(++point, 60 * DAY + 3 * 60 * MINUTE, 0.5);

        assertThat(later).isCloseTo(0.5, EXACT);
    }

    @Test
    void sparsePointsSkipTimeOfDay() {
        // With daily points every alarm falls in the same bin, 31 points after the one before.
        AlarmMemory memory = new AlarmMemory();
        long point = 0;
        long day = 0;
        double[] out = new double[5];
        for (int i = 0; i < out.length; i++) {
            for (int q = 0; q < 30; q++) {
                memory.filter(++point, day++ * DAY, 0.05);
            }
            out[i] = memory.filter(++point, day++ * DAY, 0.7);
        }

        assertThat(out).containsOnly(0.7);
    }

    @Test
    void refractoryKeepsClearlyStronger() {
        AlarmMemory memory = new AlarmMemory();
        long point = quiet(memory, 0, 0, 100 * STEP);
        double alarm = memory.filter(++point, 100 * STEP, 0.6);
        double close = memory.filter(++point, 101 * STEP, 0.65);
        double stronger = memory.filter(++point, 102 * STEP, 0.75);
        point = quiet(memory, point, 103 * STEP, (103 + AlarmMemory.REFRACTORY_POINTS) * STEP);
        double after = memory.filter(++point, (103 + AlarmMemory.REFRACTORY_POINTS) * STEP, 0.7);

        assertThat(alarm).isCloseTo(0.6, EXACT);
        assertThat(close).isCloseTo(0.65 * AlarmMemory.DAMPING, EXACT);
        assertThat(stronger).isCloseTo(0.75, EXACT);
        assertThat(after).isCloseTo(0.7, EXACT);
    }

    @Test
    void stateRoundTripsAndIsChecked() throws IOException {
        AlarmMemory memory = new AlarmMemory();
        long point = quiet(memory, 0, 0, 3 * 60 * MINUTE);
        memory.filter(++point, 3 * 60 * MINUTE, 0.7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        memory.write(new DataOutputStream(bytes));
        byte[] state = bytes.toByteArray();

        AlarmMemory restored = new AlarmMemory();
        restored.read(new DataInputStream(new ByteArrayInputStream(state)));
        point = quiet(memory, point, 3 * 60 * MINUTE + STEP, DAY + 3 * 60 * MINUTE);
        quiet(restored, 37, 3 * 60 * MINUTE + STEP, DAY + 3 * 60 * MINUTE);

        assertThat(state).hasSize(AlarmMemory.STATE_BYTES);
        assertThat(restored.filter(point + 1, DAY + 3 * 60 * MINUTE, 0.7))
                .isCloseTo(memory.filter(point + 1, DAY + 3 * 60 * MINUTE, 0.7), EXACT);

        state[0] = 0x7f; // the first bin's score becomes a huge double
        assertThatThrownBy(() -> new AlarmMemory().read(
                new DataInputStream(new ByteArrayInputStream(state))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alarm memory score");
    }
}
