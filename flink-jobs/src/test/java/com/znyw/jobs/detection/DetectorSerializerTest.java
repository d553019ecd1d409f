package com.znyw.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.Detectors;
import com.znyw.ml.detect.StreamingDetector;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DetectorSerializerTest {

    private static StreamingDetector trained() {
        StreamingDetector detector = Detectors.newEnsemble(DetectorConfig.defaults());
        for (int i = 0; i < 600; i++) {
            detector.update(1_700_000_000_000L + i * 300_000L, 100 + Math.sin(i / 10.0));
        }
        return detector;
    }

    /** Frames snapshot bytes as the serializer writes them into a checkpoint. */
    private static DataInputDeserializer framed(byte[] snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(snapshot.length + 4);
        out.writeInt(snapshot.length);
        out.write(snapshot);
        return new DataInputDeserializer(out.getCopyOfBuffer());
    }

    @Test
    void roundTripKeepsTheModel() throws IOException {
        StreamingDetector detector = trained();
        DataOutputSerializer out = new DataOutputSerializer(16_384);

        DetectorSerializer.INSTANCE.serialize(detector, out);
        StreamingDetector restored = DetectorSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(restored.toBytes()).containsExactly(detector.toBytes());
    }

    @Test
    void otherFormatVersionStartsNewDetector() throws IOException {
        byte[] older = trained().toBytes();
        older[0] = (byte) (older[0] - 1);

        StreamingDetector restored = DetectorSerializer.INSTANCE.deserialize(framed(older));

        byte[] fresh = Detectors.newEnsemble(DetectorConfig.defaults()).toBytes();
        assertThat(restored.toBytes()).containsExactly(fresh);
    }

    @Test
    void damagedSnapshotStillFails() throws IOException {
        byte[] valid = trained().toBytes();
        byte[] truncated = Arrays.copyOf(valid, valid.length - 8);
        DataInputDeserializer input = framed(truncated);

        assertThatThrownBy(() -> DetectorSerializer.INSTANCE.deserialize(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshot");
    }
}
