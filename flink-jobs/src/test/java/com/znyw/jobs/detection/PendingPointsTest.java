package com.znyw.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The per-series buffer of pending points and its Flink serializer. */
class PendingPointsTest {

    @Test
    void keepsTimestampOrder() {
        PendingPoints buffer = new PendingPoints();
        buffer.add(30, 3.0);
        buffer.add(10, 1.0);
        buffer.add(20, 2.0);
        buffer.add(40, 4.0);

        assertThat(drain(buffer)).containsExactly(10L, 20L, 30L, 40L);
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void duplicateReplacesValue() {
        PendingPoints buffer = new PendingPoints();

        assertThat(buffer.add(10, 1.0)).isTrue();
        assertThat(buffer.add(20, 2.0)).isTrue();
        assertThat(buffer.add(10, 5.0)).isFalse();
        assertThat(buffer.add(20, 6.0)).isFalse();

        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.valueAt(0)).isEqualTo(5.0);
        assertThat(buffer.valueAt(1)).isEqualTo(6.0);
    }

    @Test
    void matchesSortedMapUnderRandomUse() {
        Random random = new Random(7);
        PendingPoints buffer = new PendingPoints();
        TreeMap<Long, Double> expected = new TreeMap<>();
        for (int step = 0; step < 200_000; step++) {
            int action = random.nextInt(10);
            if (action < 6) {
                // Mostly increasing timestamps with some disorder and repeats, as on a stream.
                long ts = step + random.nextInt(50) - 25;
                double value = random.nextDouble();
                boolean added = buffer.add(ts, value);
                assertThat(added).isEqualTo(expected.put(ts, value) == null);
            } else if (!expected.isEmpty()) {
                Map.Entry<Long, Double> first = expected.pollFirstEntry();
                assertThat(buffer.firstTs()).isEqualTo(first.getKey());
                assertThat(buffer.firstValue()).isEqualTo(first.getValue());
                buffer.removeFirst();
            }
            assertThat(buffer.size()).isEqualTo(expected.size());
        }
        int index = 0;
        for (Map.Entry<Long, Double> entry : expected.entrySet()) {
            assertThat(buffer.timestampAt(index)).isEqualTo(entry.getKey());
            assertThat(buffer.valueAt(index)).isEqualTo(entry.getValue());
            index++;
        }
    }

    @Test
    void copyIsIndependent() {
        PendingPoints buffer = new PendingPoints();
        buffer.add(10, 1.0);
        buffer.lastScoredTs = 5;
        PendingPoints copy = buffer.copy();
        buffer.add(20, 2.0);
        buffer.removeFirst();
        buffer.lastScoredTs = 10;

        assertThat(copy.size()).isEqualTo(1);
        assertThat(copy.firstTs()).isEqualTo(10);
        assertThat(copy.lastScoredTs).isEqualTo(5);
    }

    @Test
    void serializerRoundTrips() throws IOException {
        PendingPoints buffer = new PendingPoints();
        for (long ts = 100; ts > 0; ts -= 10) {
            buffer.add(ts, ts / 10.0);
        }
        buffer.removeFirst();
        buffer.lastScoredTs = 10;
        buffer.eventTimerTs = 20;
        buffer.flushTimerTs = 3_000;

        DataOutputSerializer out = new DataOutputSerializer(64);
        PendingPointsSerializer.INSTANCE.serialize(buffer, out);
        PendingPoints read = PendingPointsSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(read.size()).isEqualTo(9);
        assertThat(drain(read)).containsExactly(20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
        assertThat(read.lastScoredTs).isEqualTo(10);
        assertThat(read.eventTimerTs).isEqualTo(20);
        assertThat(read.flushTimerTs).isEqualTo(3_000);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        PendingPointsSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    @Test
    void serializerRejectsNegativeCount() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeLong(PendingPoints.NONE);
        out.writeLong(PendingPoints.NONE);
        out.writeLong(PendingPoints.NONE);
        out.writeInt(-1);

        assertThatThrownBy(() -> PendingPointsSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("invalid pending point count -1");
    }

    private static List<Long> drain(PendingPoints buffer) {
        List<Long> timestamps = new ArrayList<>();
        while (!buffer.isEmpty()) {
            timestamps.add(buffer.firstTs());
            buffer.removeFirst();
        }
        return timestamps;
    }
}
