package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Binary snapshot framing shared by the detectors: one format-version byte, one detector-kind
 * byte, then the detector's fields, big-endian as {@link java.io.DataOutputStream} writes them.
 */
final class StateFormat {

    /**
     * Bumped whenever any detector's field layout changes; older snapshots are rejected. Version
     * 2 added the ensemble's alarm memory and value range, version 3 its unchanged-stretch
     * record.
     */
    static final byte VERSION = 3;
    /** Bytes of framing before the fields: version and kind. */
    static final int HEADER_BYTES = 2;

    private StateFormat() {
    }

    /** Writes the state of one detector. */
    interface Writer {
        void write(DataOutput out) throws IOException;
    }

    /** Reads the state of one detector. */
    interface Reader {
        void read(DataInput in) throws IOException;
    }

    /**
     * Big-endian writer over a growing byte array. It writes the same bytes as
     * {@link java.io.DataOutputStream} for the numeric types, but each field is one buffer
     * operation instead of a stream call through a temporary array, so a snapshot of over a
     * thousand fields takes a fraction of the time. Detector snapshots contain no strings, so
     * the modified UTF-8 of {@link #writeUTF} is not supported.
     */
    static final class StateOutput implements DataOutput {

        private ByteBuffer buffer;

        StateOutput(int capacity) {
            buffer = ByteBuffer.allocate(Math.max(16, capacity));
        }

        /** Returns the buffer with at least {@code bytes} bytes of room. */
        private ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer larger = ByteBuffer.allocate(
                        Math.max(buffer.position() + bytes, 2 * buffer.capacity()));
                buffer.flip();
                larger.put(buffer);
                buffer = larger;
            }
            return buffer;
        }

        /** Returns the bytes written so far, without a copy when the capacity was exact. */
        byte[] toByteArray() {
            return buffer.position() == buffer.capacity()
                    ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
        }

        @Override
        public void write(int b) {
            room(1).put((byte) b);
        }

        @Override
        public void write(byte[] bytes) {
            write(bytes, 0, bytes.length);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            room(length).put(bytes, offset, length);
        }

        @Override
        public void writeBoolean(boolean v) {
            room(1).put((byte) (v ? 1 : 0));
        }

        @Override
        public void writeByte(int v) {
            room(1).put((byte) v);
        }

        @Override
        public void writeShort(int v) {
            room(2).putShort((short) v);
        }

        @Override
        public void writeChar(int v) {
            room(2).putChar((char) v);
        }

        @Override
        public void writeInt(int v) {
            room(4).putInt(v);
        }

        @Override
        public void writeLong(long v) {
            room(8).putLong(v);
        }

        @Override
        public void writeFloat(float v) {
            room(4).putInt(Float.floatToIntBits(v));
        }

        @Override
        public void writeDouble(double v) {
            // doubleToLongBits, as DataOutputStream does, so every NaN is written the same way.
            room(8).putLong(Double.doubleToLongBits(v));
        }

        @Override
        public void writeBytes(String text) {
            for (int i = 0; i < text.length(); i++) {
                writeByte(text.charAt(i));
            }
        }

        @Override
        public void writeChars(String text) {
            for (int i = 0; i < text.length(); i++) {
                writeChar(text.charAt(i));
            }
        }

        @Override
        public void writeUTF(String text) {
            throw new UnsupportedOperationException("detector snapshots contain no strings");
        }
    }

    /**
     * Big-endian reader over a snapshot's bytes, the counterpart of {@link StateOutput}. Reading
     * past the end throws {@link EOFException}.
     */
    static final class StateInput implements DataInput {

        private final ByteBuffer buffer;

        StateInput(byte[] bytes) {
            buffer = ByteBuffer.wrap(bytes);
        }

        /** Returns the buffer after checking that {@code bytes} more bytes are left. */
        private ByteBuffer take(int bytes) throws EOFException {
            if (buffer.remaining() < bytes) {
                throw new EOFException("snapshot ends after " + buffer.position() + " bytes, "
                        + bytes + " more expected");
            }
            return buffer;
        }

        int available() {
            return buffer.remaining();
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(byte[] bytes, int offset, int length) throws IOException {
            take(length).get(bytes, offset, length);
        }

        @Override
        public int skipBytes(int n) {
            int skipped = Math.max(0, Math.min(n, buffer.remaining()));
            buffer.position(buffer.position() + skipped);
            return skipped;
        }

        @Override
        public boolean readBoolean() throws IOException {
            return take(1).get() != 0;
        }

        @Override
        public byte readByte() throws IOException {
            return take(1).get();
        }

        @Override
        public int readUnsignedByte() throws IOException {
            return take(1).get() & 0xFF;
        }

        @Override
        public short readShort() throws IOException {
            return take(2).getShort();
        }

        @Override
        public int readUnsignedShort() throws IOException {
            return take(2).getShort() & 0xFFFF;
        }

        @Override
        public char readChar() throws IOException {
            return take(2).getChar();
        }

        @Override
        public int readInt() throws IOException {
            return take(4).getInt();
        }

        @Override
        public long readLong() throws IOException {
            return take(8).getLong();
        }

        @Override
        public float readFloat() throws IOException {
            return Float.intBitsToFloat(readInt());
        }

        @Override
        public double readDouble() throws IOException {
            return Double.longBitsToDouble(readLong());
        }

        @Override
        public String readLine() {
            throw new UnsupportedOperationException("detector snapshots contain no text lines");
        }

        @Override
        public String readUTF() throws IOException {
            return DataInputStream.readUTF(this);
        }
    }

    static byte[] encode(byte kind, int expectedBytes, Writer writer) {
        StateOutput out = new StateOutput(expectedBytes);
        out.writeByte(VERSION);
        out.writeByte(kind);
        try {
            writer.write(out);
        } catch (IOException e) {
            // StateOutput does not throw; this only guards the checked signature.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a snapshot written by {@link #encode}.
     *
     * @throws UnsupportedSnapshotVersionException if the bytes are of another format version
     * @throws IllegalArgumentException if the bytes are null, truncated or of another detector
     *                                  kind
     */
    static void decode(byte[] state, byte kind, String detectorName, Reader reader) {
        if (state == null || state.length < HEADER_BYTES) {
            throw new IllegalArgumentException("Invalid " + detectorName + " snapshot: "
                    + (state == null ? "null" : state.length + " bytes")
                    + "; pass the bytes returned by toBytes()");
        }
        if (state[0] != VERSION) {
            throw new UnsupportedSnapshotVersionException(detectorName, state[0], VERSION);
        }
        if (state[1] != kind) {
            throw new IllegalArgumentException("Invalid " + detectorName + " snapshot: it contains"
                    + " detector kind " + state[1] + ", expected kind " + kind
                    + "; restore it with the detector that wrote it");
        }
        StateInput in = new StateInput(state);
        in.skipBytes(HEADER_BYTES);
        try {
            reader.read(in);
            if (in.available() != 0) {
                throw new IllegalArgumentException("Invalid " + detectorName + " snapshot: "
                        + in.available() + " trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid " + detectorName + " snapshot of "
                    + state.length + " bytes: " + e, e);
        }
    }

    static int checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid snapshot: " + field + " = " + value
                    + " is outside " + min + ".." + max);
        }
        return value;
    }

    /** Returns {@code value} if it lies in {@code min..max}; NaN never does. */
    static double checkRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("Invalid snapshot: " + field + " = " + value
                    + " is outside " + min + ".." + max);
        }
        return value;
    }
}
