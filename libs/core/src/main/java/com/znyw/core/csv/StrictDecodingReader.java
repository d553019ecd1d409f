package com.znyw.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes strictly, but delivers every character before a malformed sequence and throws
 * only when the reader reaches it. {@link java.io.InputStreamReader} throws as soon as a bad
 * sequence enters its buffer, thousands of characters early, which would make the CSV parser
 * report the wrong line.
 */
final class StrictDecodingReader extends Reader {

    private static final int BUFFER_SIZE = 8192;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
    private CharacterCodingException pending;
    private boolean endOfInput;
    private boolean flushed;

    StrictDecodingReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (pending != null) {
                throw pending;
            }
            if (flushed) {
                return -1;
            }
            fill();
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    private void fill() throws IOException {
        chars.clear();
        if (!endOfInput) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
        CoderResult result = decoder.decode(bytes, chars, endOfInput);
        if (result.isError()) {
            try {
                result.throwException();
            } catch (CharacterCodingException e) {
                pending = e;
            }
        } else if (endOfInput && !bytes.hasRemaining()) {
            decoder.flush(chars);
            flushed = true;
        }
        chars.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
