package com.znyw.jobs.detection;

import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.Detectors;
import com.znyw.ml.detect.StreamingDetector;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for the per-series ensemble detector, using the detector's own compact
 * binary form. With the heap state backend the live object stays in state between points and
 * is serialized only at checkpoints, which is what keeps scoring cheap.
 *
 * <p>The configuration is not part of the bytes: a restored detector starts with the defaults
 * and the scoring function applies the series' current settings before the next point.
 */
public final class DetectorSerializer extends TypeSerializerSingleton<StreamingDetector> {

    public static final DetectorSerializer INSTANCE = new DetectorSerializer();

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public StreamingDetector createInstance() {
        return null;
    }

    @Override
    public StreamingDetector copy(StreamingDetector from) {
        return from == null ? null : Detectors.restoreEnsemble(from.toBytes(), DetectorConfig.defaults());
    }

    @Override
    public StreamingDetector copy(StreamingDetector from, StreamingDetector reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(StreamingDetector record, DataOutputView target) throws IOException {
        byte[] bytes = record.toBytes();
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public StreamingDetector deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return Detectors.restoreEnsemble(bytes, DetectorConfig.defaults());
    }

    @Override
    public StreamingDetector deserialize(StreamingDetector reuse, DataInputView source)
            throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<StreamingDetector> snapshotConfiguration() {
        return new DetectorSerializerSnapshot();
    }

    /** Snapshot of the serializer for checkpoint compatibility checks; it has no parameters. */
    public static final class DetectorSerializerSnapshot
            extends SimpleTypeSerializerSnapshot<StreamingDetector> {

        public DetectorSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
