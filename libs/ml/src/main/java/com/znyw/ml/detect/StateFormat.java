package com.znyw.ml.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Binary snapshot framing shared by the detectors: one format-version byte, one detector-kind
 * byte, then the detector's fields written with {@link DataOutputStream} (big-endian).
 */
final class StateFormat {

    /** Bumped whenever any detector's field layout changes; older snapshots are rejected. */
    static final byte VERSION = 1;
    /** Bytes of framing before the fields: version and kind. */
    static final int HEADER_BYTES = 2;

    private StateFormat() {
    }

    /** Writes the state of one detector. */
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the state of one detector. */
    interface Reader {
        void read(DataInputStream in) throws IOException;
    }

    /**
     * Byte sink without the per-call locking of {@link ByteArrayOutputStream}, whose write methods
     * are synchronized: a snapshot writes one call per field, over a thousand for some detectors.
     */
    private static final class UnsynchronizedBytes extends ByteArrayOutputStream {

        UnsynchronizedBytes(int capacity) {
            super(capacity);
        }

        @Override
        public void write(int b) {
            ensureCapacity(count + 1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensureCapacity(count + length);
            System.arraycopy(bytes, offset, buf, count, length);
            count += length;
        }

        private void ensureCapacity(int needed) {
            if (needed > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(needed, 2 * buf.length));
            }
        }
    }

    static byte[] encode(byte kind, int expectedBytes, Writer writer) {
        ByteArrayOutputStream bytes = new UnsynchronizedBytes(expectedBytes);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(kind);
            writer.write(out);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not throw; this only guards the checked signature.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a snapshot written by {@link #encode}.
     *
     * @throws IllegalArgumentException if the bytes are null, truncated, of another version or
     *                                  of another detector kind
     */
    static void decode(byte[] state, byte kind, String detectorName, Reader reader) {
        if (state == null || state.length < HEADER_BYTES) {
            throw new IllegalArgumentException("Invalid " + detectorName + " snapshot: "
                    + (state == null ? "null" : state.length + " bytes")
                    + "; pass the bytes returned by toBytes()");
        }
        if (state[0] != VERSION) {
            throw new IllegalArgumentException("Unsupported " + detectorName
                    + " snapshot format version " + state[0] + ", expected " + VERSION
                    + "; start a new detector instead");
        }
        if (state[1] != kind) {
            throw new IllegalArgumentException("Invalid " + detectorName + " snapshot: it contains"
                    + " detector kind " + state[1] + ", expected kind " + kind
                    + "; restore it with the detector that wrote it");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            in.skipBytes(HEADER_BYTES);
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
}
