package com.znyw.jobs.registry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint serializers of the split and the enumerator state of {@link KpiConfigSource}. */
final class RegistrySerializers {

    private RegistrySerializers() {
    }

    static final class SplitSerializer implements SimpleVersionedSerializer<RegistrySplit> {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(RegistrySplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(split.cursorMs());
            }
            return bytes.toByteArray();
        }

        @Override
        public RegistrySplit deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new RegistrySplit(in.readLong());
            }
        }
    }

    /** Serializes whether the enumerator has handed out the split. */
    static final class AssignedSerializer implements SimpleVersionedSerializer<Boolean> {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Boolean assigned) {
            return new byte[] {(byte) (assigned ? 1 : 0)};
        }

        @Override
        public Boolean deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version);
            return serialized.length == 1 && serialized[0] == 1;
        }
    }

    private static void checkVersion(int version) throws IOException {
        if (version != 1) {
            throw new IOException("unsupported KPI config source state version " + version
                    + ": this build reads version 1; restore from a compatible savepoint");
        }
    }
}
