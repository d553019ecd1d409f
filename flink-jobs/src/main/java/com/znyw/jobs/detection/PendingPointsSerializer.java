package com.znyw.jobs.detection;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link PendingPoints}: the last scored timestamp, the two timer marks,
 * the number of pending points, then each point's timestamp and value in timestamp order.
 */
public final class PendingPointsSerializer extends TypeSerializerSingleton<PendingPoints> {

    static final PendingPointsSerializer INSTANCE = new PendingPointsSerializer();

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public PendingPoints createInstance() {
        return new PendingPoints();
    }

    @Override
    public PendingPoints copy(PendingPoints from) {
        return from.copy();
    }

    @Override
    public PendingPoints copy(PendingPoints from, PendingPoints reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PendingPoints record, DataOutputView target) throws IOException {
        target.writeLong(record.lastScoredTs);
        target.writeLong(record.eventTimerTs);
        target.writeLong(record.flushTimerTs);
        int size = record.size();
        target.writeInt(size);
        for (int i = 0; i < size; i++) {
            target.writeLong(record.timestampAt(i));
            target.writeDouble(record.valueAt(i));
        }
    }

    @Override
    public PendingPoints deserialize(DataInputView source) throws IOException {
        long lastScoredTs = source.readLong();
        long eventTimerTs = source.readLong();
        long flushTimerTs = source.readLong();
        int size = source.readInt();
        if (size < 0) {
            throw new IOException("invalid pending point count " + size
                    + " in scorer state: the checkpoint is corrupt or from another state layout");
        }
        PendingPoints points = new PendingPoints(size);
        for (int i = 0; i < size; i++) {
            points.add(source.readLong(), source.readDouble());
        }
        points.lastScoredTs = lastScoredTs;
        points.eventTimerTs = eventTimerTs;
        points.flushTimerTs = flushTimerTs;
        return points;
    }

    @Override
    public PendingPoints deserialize(PendingPoints reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeLong(source.readLong());
        target.writeLong(source.readLong());
        target.writeLong(source.readLong());
        int size = source.readInt();
        target.writeInt(size);
        // Field by field: DataOutputSerializer.write(DataInputView, int) does not grow its buffer.
        for (int i = 0; i < size; i++) {
            target.writeLong(source.readLong());
            target.writeDouble(source.readDouble());
        }
    }

    @Override
    public TypeSerializerSnapshot<PendingPoints> snapshotConfiguration() {
        return new PendingPointsSerializerSnapshot();
    }

    /** Snapshot of the serializer for checkpoint compatibility checks; it has no parameters. */
    public static final class PendingPointsSerializerSnapshot
            extends SimpleTypeSerializerSnapshot<PendingPoints> {

        public PendingPointsSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
