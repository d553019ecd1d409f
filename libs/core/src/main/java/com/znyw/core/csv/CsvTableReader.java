package com.znyw.core.csv;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of an uploaded table with constant memory, whatever the file size.
 *
 * <p>What real files need, and what this reader does about it:
 * <ul>
 *   <li>gzip: recognised by its magic bytes {@code 1f 8b}, whatever the file name;</li>
 *   <li>encoding: a BOM selects UTF-8 or UTF-16; otherwise the first {@value #SNIFF_BYTES}
 *   bytes are decoded as strict UTF-8, and if that fails the file is read as GB18030 (Excel on
 *   Chinese Windows saves GBK, which GB18030 contains). A chosen encoding is decoded strictly,
 *   so a wrong choice fails with the line number rather than producing garbled text;</li>
 *   <li>delimiter: the one of comma, semicolon and tab that occurs most often outside quotes in
 *   the header line;</li>
 *   <li>RFC 4180 quoting (Apache Commons CSV), so quoted fields may contain delimiters, quotes
 *   and line breaks. Rows report the line on which they start;</li>
 *   <li>empty lines are skipped, fields are trimmed, and a row with the wrong number of fields
 *   fails with its line number.</li>
 * </ul>
 * Not thread-safe.
 */
public final class CsvTableReader implements AutoCloseable, Iterable<CsvRow> {

    static final int SNIFF_BYTES = 64 * 1024;
    private static final Charset GB18030 = Charset.forName("GB18030");

    private final CountingInputStream counter;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Charset charset;
    private final char delimiter;
    private final boolean gzip;
    private final List<String> header;
    private CsvRow next;

    private CsvTableReader(CountingInputStream counter, CSVParser parser, Charset charset,
            char delimiter, boolean gzip) {
        this.counter = counter;
        this.parser = parser;
        this.records = parser.iterator();
        this.charset = charset;
        this.delimiter = delimiter;
        this.gzip = gzip;
        this.header = readHeader();
    }

    /**
     * Opens a file, plain or gzip, and reads its header.
     *
     * @throws CsvException when the file is empty, has no valid header or cannot be decoded
     * @throws IOException  when the file cannot be read
     */
    public static CsvTableReader open(Path file, CsvOptions options) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return open(in, options);
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads a table from a stream, plain or gzip, and reads its header. Closing the reader
     * closes the stream.
     */
    public static CsvTableReader open(InputStream raw, CsvOptions options) throws IOException {
        CountingInputStream counter = new CountingInputStream(raw);
        BufferedInputStream buffered = new BufferedInputStream(counter, SNIFF_BYTES);
        boolean gzip = startsWithGzipMagic(buffered);
        InputStream bytes = gzip
                ? new BufferedInputStream(new GZIPInputStream(buffered, 64 * 1024), SNIFF_BYTES)
                : buffered;

        Charset charset = options.charset();
        int bomLength = 0;
        byte[] sample = peek(bytes, SNIFF_BYTES);
        Charset bomCharset = charsetOfBom(sample);
        if (bomCharset != null) {
            bomLength = bomCharset == StandardCharsets.UTF_8 ? 3 : 2;
            if (charset == null) {
                charset = bomCharset;
            }
        }
        if (charset == null) {
            charset = isUtf8(sample) ? StandardCharsets.UTF_8 : GB18030;
        }
        if (bomLength > 0 && charset.equals(bomCharset)) {
            bytes.skipNBytes(bomLength);
        }

        BufferedReader text = new BufferedReader(new StrictDecodingReader(bytes, charset),
                SNIFF_BYTES);
        Character delimiter = options.delimiter();
        if (delimiter == null) {
            try {
                delimiter = detectDelimiter(text);
            } catch (CharacterCodingException e) {
                throw new CsvException(CsvError.INVALID_ENCODING, 1, e, charset.name(), 1);
            }
        }

        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        CSVParser parser = CSVParser.builder().setReader(text).setFormat(format).get();
        return new CsvTableReader(counter, parser, charset, delimiter, gzip);
    }

    /** The header's column names, trimmed, in file order. */
    public List<String> header() {
        return header;
    }

    /** The encoding used to read the file, chosen or detected. */
    public Charset charset() {
        return charset;
    }

    /** The field delimiter, chosen or detected. */
    public char delimiter() {
        return delimiter;
    }

    public boolean isGzip() {
        return gzip;
    }

    /**
     * Returns the number of bytes consumed from the underlying stream (compressed bytes for a
     * gzip file), for progress reports. It runs ahead of the parsed rows by up to the buffer
     * sizes.
     */
    public long bytesRead() {
        return counter.count;
    }

    /**
     * Returns the remaining rows. The iterator throws {@link CsvException} for a malformed row
     * and {@link UncheckedIOException} when reading fails.
     */
    @Override
    public Iterator<CsvRow> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = readRow();
                }
                return next != null;
            }

            @Override
            public CsvRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CsvRow row = next;
                next = null;
                return row;
            }
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private List<String> readHeader() {
        CSVRecord record = nextNonEmptyRecord();
        if (record == null) {
            throw new CsvException(CsvError.EMPTY_FILE, 0);
        }
        List<String> names = new ArrayList<>(record.size());
        Set<String> seen = new HashSet<>();
        for (String value : record) {
            String name = stripBom(value).trim();
            if (!seen.add(name.toLowerCase(java.util.Locale.ROOT)) && !name.isEmpty()) {
                throw new CsvException(CsvError.DUPLICATE_COLUMN, 1, name);
            }
            names.add(name);
        }
        // Excel adds empty header cells for formatted but unused columns at the right edge.
        while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
            names.remove(names.size() - 1);
        }
        if (names.isEmpty()) {
            throw new CsvException(CsvError.EMPTY_FILE, 0);
        }
        return List.copyOf(names);
    }

    private CsvRow readRow() {
        long line = parser.getCurrentLineNumber() + 1;
        CSVRecord record;
        while (true) {
            record = nextRecord(line);
            if (record == null) {
                return null;
            }
            if (!isBlank(record)) {
                break;
            }
            line = parser.getCurrentLineNumber() + 1;
        }
        String[] values = record.values();
        if (values.length != header.size()) {
            values = fitToHeader(values, line);
        }
        return new CsvRow(line, values);
    }

    /** Drops empty trailing fields beyond the header; any other difference is an error. */
    private String[] fitToHeader(String[] values, long line) {
        int width = values.length;
        while (width > header.size() && values[width - 1].isEmpty()) {
            width--;
        }
        if (width != header.size()) {
            throw new CsvException(CsvError.ROW_WIDTH, line, line, header.size(), values.length);
        }
        return Arrays.copyOf(values, width);
    }

    private CSVRecord nextNonEmptyRecord() {
        while (true) {
            CSVRecord record = nextRecord(parser.getCurrentLineNumber() + 1);
            if (record == null || !isBlank(record)) {
                return record;
            }
        }
    }

    private CSVRecord nextRecord(long line) {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            throw translate(e.getCause(), line);
        } catch (IllegalStateException e) {
            // Commons CSV reports an unclosed quote as an IllegalStateException wrapping an
            // IOException ("EOF reached before encapsulated token finished").
            throw translate(e.getCause() != null ? e.getCause() : e, line);
        }
    }

    private RuntimeException translate(Throwable cause, long line) {
        if (cause instanceof CharacterCodingException) {
            return new CsvException(CsvError.INVALID_ENCODING, line, cause, charset.name(), line);
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return new CsvException(CsvError.UNCLOSED_QUOTE, line, cause, line);
        }
        if (cause instanceof IOException io) {
            return new UncheckedIOException("Reading the CSV failed near line " + line, io);
        }
        return new CsvException(CsvError.READ_FAILED, line, cause, message, line);
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String stripBom(String value) {
        return value.startsWith("\uFEFF") ? value.substring(1) : value;
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    private static byte[] peek(InputStream in, int limit) throws IOException {
        in.mark(limit);
        byte[] sample = in.readNBytes(limit);
        in.reset();
        return sample;
    }

    private static Charset charsetOfBom(byte[] sample) {
        if (sample.length >= 3 && (sample[0] & 0xff) == 0xef && (sample[1] & 0xff) == 0xbb
                && (sample[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (sample.length >= 2 && (sample[0] & 0xff) == 0xff && (sample[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        if (sample.length >= 2 && (sample[0] & 0xff) == 0xfe && (sample[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /**
     * Tells whether the sample is valid UTF-8. A multi-byte sequence cut off by the end of the
     * sample still counts as valid, because only the sample ends there, not the file.
     */
    static boolean isUtf8(byte[] sample) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(sample.length);
        return !decoder.decode(in, out, false).isError();
    }

    /**
     * Picks the delimiter that occurs most often outside double quotes in the first line; a
     * comma when none occurs. The reader is reset to where it was.
     */
    static char detectDelimiter(BufferedReader text) throws IOException {
        text.mark(SNIFF_BYTES);
        String line = text.readLine();
        text.reset();
        if (line == null) {
            return ',';
        }
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    commas++;
                } else if (c == ';') {
                    semicolons++;
                } else if (c == '\t') {
                    tabs++;
                }
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        if (semicolons > commas) {
            return ';';
        }
        return ',';
    }

    /** Counts the bytes read through it; single-threaded use only. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
