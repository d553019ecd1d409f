package com.znyw.jobs.detection;

import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.Detectors;
import com.znyw.ml.detect.StreamingDetector;
import com.znyw.ml.detect.UnsupportedSnapshotVersionException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink serializer for the per-series ensemble detector, using the detector's own compact
 * binary form. With the heap state backend the live object stays in state between points and
 * is serialized only at checkpoints, which is what keeps scoring cheap.
 *
 * <p>The configuration is not part of the bytes: a restored detector starts with the defaults
 * and the scoring function applies the series' current settings before the next point.
 *
 * <p>A detector saved by a release with another snapshot format version is replaced by a new
 * detector, which learns the series again from its next points, and a warning is logged. So a
 * savepoint taken before an upgrade still restores the job with its Kafka offsets and buffered
 * results, and only the models start over. Damaged bytes of the current version still fail the
 * restore.
 */
public final class DetectorSerializer extends TypeSerializerSingleton<StreamingDetector> {

    public static final DetectorSerializer INSTANCE = new DetectorSerializer();

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DetectorSerializer.class);
    /** Detectors replaced by new ones in this JVM because of their snapshot version. */
    private static final AtomicLong REPLACED = new AtomicLong();

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
        try {
            return Detectors.restoreEnsemble(bytes, DetectorConfig.defaults());
        } catch (UnsupportedSnapshotVersionException e) {
            long replaced = REPLACED.incrementAndGet();
            // One line for the first and then for every tenfold count, not one per series.
            if (isPowerOfTen(replaced)) {
                LOG.warn("Replaced {} detector(s) saved with snapshot format version {} by new"
                                + " ones, because this release reads version {}; those series are"
                                + " learned again from their next points",
                        replaced, e.foundVersion(), e.expectedVersion());
            }
            return Detectors.newEnsemble(DetectorConfig.defaults());
        }
    }

    private static boolean isPowerOfTen(long n) {
        while (n >= 10 && n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
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
