package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StateFormatTest {

    /** Writes one field of every type, including values whose bytes are easy to get wrong. */
    private static void writeFields(DataOutput out) throws IOException {
        out.writeBoolean(true);
        out.writeByte(-3);
        out.writeShort(-31_000);
        out.writeChar('\u6c34');
        out.writeInt(Integer.MIN_VALUE);
        out.writeLong(0x0123_4567_89ab_cdefL);
        out.writeFloat(Float.NaN);
        out.writeDouble(Double.longBitsToDouble(0x7ff8_0000_0000_0001L));
        out.writeDouble(-0.0);
        out.writeDouble(1e300);
        out.writeBytes("ab");
        out.writeChars("cd");
        out.write(new byte[] {9, 8, 7}, 1, 2);
    }

    @Test
    void writesTheBytesOfDataOutputStream() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        writeFields(new DataOutputStream(expected));

        // A capacity below the size makes the buffer grow on the way.
        StateFormat.StateOutput out = new StateFormat.StateOutput(4);
        writeFields(out);

        assertThat(out.toByteArray()).containsExactly(expected.toByteArray());
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        StateFormat.StateOutput out = new StateFormat.StateOutput(64);
        writeFields(out);
        StateFormat.StateInput in = new StateFormat.StateInput(out.toByteArray());

        assertThat(in.readBoolean()).isTrue();
        assertThat(in.readByte()).isEqualTo((byte) -3);
        assertThat(in.readShort()).isEqualTo((short) -31_000);
        assertThat(in.readChar()).isEqualTo('\u6c34');
        assertThat(in.readInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(in.readLong()).isEqualTo(0x0123_4567_89ab_cdefL);
        assertThat(in.readFloat()).isNaN();
        assertThat(in.readDouble()).isNaN();
        assertThat(Double.doubleToRawLongBits(in.readDouble()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(in.readDouble()).isEqualTo(1e300);
        assertThat(in.readUnsignedByte()).isEqualTo('a');
        assertThat(in.readUnsignedByte()).isEqualTo('b');
        assertThat(in.readChar()).isEqualTo('c');
        assertThat(in.readUnsignedShort()).isEqualTo('d');
        byte[] tail = new byte[2];
        in.readFully(tail);
        assertThat(tail).containsExactly(8, 7);
        assertThat(in.available()).isZero();
    }

    @Test
    void readingPastTheEndThrowsEof() throws IOException {
        StateFormat.StateInput in = new StateFormat.StateInput(new byte[] {1, 2, 3});

        assertThat(in.skipBytes(1)).isEqualTo(1);
        assertThatThrownBy(in::readInt)
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("after 1 bytes, 4 more expected");
        assertThat(in.skipBytes(10)).isEqualTo(2);
        assertThat(in.available()).isZero();
    }
}
