package com.znyw.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String CHINESE_TABLE =
            "分行,渠道,耗时\n北京分行,手机银行,120\n上海分行,网上银行,95\n";

    @TempDir
    Path dir;

    @Test
    void utf8WithoutBom() throws IOException {
        try (CsvTableReader reader = read(CHINESE_TABLE.getBytes(StandardCharsets.UTF_8),
                CsvOptions.detect())) {
            assertThat(reader.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(reader.header()).containsExactly("分行", "渠道", "耗时");
            assertThat(values(reader)).containsExactly(
                    List.of("北京分行", "手机银行", "120"), List.of("上海分行", "网上银行", "95"));
        }
    }

    @Test
    void utf8WithBomStripsBom() throws IOException {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        try (CsvTableReader reader = read(concat(bom, CHINESE_TABLE.getBytes(StandardCharsets.UTF_8)),
                CsvOptions.detect())) {
            assertThat(reader.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(reader.header().get(0)).isEqualTo("分行");
        }
    }

    @Test
    void gbkDetectedAsGb18030() throws IOException {
        try (CsvTableReader reader = read(CHINESE_TABLE.getBytes(GBK), CsvOptions.detect())) {
            assertThat(reader.charset().name()).isEqualTo("GB18030");
            assertThat(reader.header()).containsExactly("分行", "渠道", "耗时");
            assertThat(values(reader).get(1)).containsExactly("上海分行", "网上银行", "95");
        }
    }

    @Test
    void gbkChosenByName() throws IOException {
        try (CsvTableReader reader = read(CHINESE_TABLE.getBytes(GBK),
                CsvOptions.parse("GBK", null))) {
            assertThat(values(reader).get(0)).containsExactly("北京分行", "手机银行", "120");
        }
    }

    @Test
    void wrongChosenEncodingNamesLine() {
        String table = "branch,latency\nBJ,1\nSH,2\n上海,3\n";
        assertThatThrownBy(() -> {
            try (CsvTableReader reader = read(table.getBytes(GBK), CsvOptions.parse("UTF-8", null))) {
                values(reader);
            }
        }).isInstanceOfSatisfying(CsvException.class, e -> {
            assertThat(e.error()).isEqualTo(CsvError.INVALID_ENCODING);
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("UTF-8").contains("line 4");
        });
    }

    @Test
    void utf16LittleEndianWithBom() throws IOException {
        byte[] bom = {(byte) 0xff, (byte) 0xfe};
        byte[] body = "a\tb\tlabel\nx\ty\t1\n".getBytes(StandardCharsets.UTF_16LE);
        try (CsvTableReader reader = read(concat(bom, body), CsvOptions.detect())) {
            assertThat(reader.delimiter()).isEqualTo('\t');
            assertThat(reader.header()).containsExactly("a", "b", "label");
            assertThat(values(reader)).containsExactly(List.of("x", "y", "1"));
        }
    }

    @Test
    void unknownEncodingNameRejected() {
        assertThatThrownBy(() -> CsvOptions.parse("latin-99", null))
                .isInstanceOfSatisfying(CsvException.class,
                        e -> assertThat(e.error()).isEqualTo(CsvError.UNKNOWN_ENCODING))
                .hasMessageContaining("latin-99");
    }

    @Test
    void delimitersDetected() throws IOException {
        for (char delimiter : new char[] {',', ';', '\t'}) {
            String table = String.join(String.valueOf(delimiter), "host", "idc", "real", "predict")
                    + "\n" + String.join(String.valueOf(delimiter), "h1", "BJ", "1.5", "2") + "\n";
            try (CsvTableReader reader = read(table.getBytes(StandardCharsets.UTF_8),
                    CsvOptions.detect())) {
                assertThat(reader.delimiter()).as("delimiter %s", (int) delimiter)
                        .isEqualTo(delimiter);
                assertThat(values(reader)).containsExactly(List.of("h1", "BJ", "1.5", "2"));
            }
        }
    }

    @Test
    void semicolonWithDecimalCommasInQuotes() throws IOException {
        String table = "host;\"note, free text\";real\nh1;\"a, b\";3\n";
        try (CsvTableReader reader = read(table.getBytes(StandardCharsets.UTF_8),
                CsvOptions.detect())) {
            assertThat(reader.delimiter()).isEqualTo(';');
            assertThat(values(reader)).containsExactly(List.of("h1", "a, b", "3"));
        }
    }

    @Test
    void quotedFieldsWithNewlinesKeepLineNumbers() throws IOException {
        String table = "branch,comment,label\n"
                + "BJ,\"first line\nsecond line\",1\n"
                + "\n"
                + "SH,\"says \"\"hi\"\"\",0\n";
        try (CsvTableReader reader = read(table.getBytes(StandardCharsets.UTF_8),
                CsvOptions.detect())) {
            List<CsvRow> rows = rows(reader);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).line()).isEqualTo(2);
            assertThat(rows.get(0).value(1)).isEqualTo("first line\nsecond line");
            assertThat(rows.get(1).line()).isEqualTo(5);
            assertThat(rows.get(1).value(1)).isEqualTo("says \"hi\"");
        }
    }

    @Test
    void rowWidthErrorNamesLine() {
        String table = "a,b,real,predict\nx,y,1,2\nx,y,1\n";
        assertThatThrownBy(() -> {
            try (CsvTableReader reader = read(table.getBytes(StandardCharsets.UTF_8),
                    CsvOptions.detect())) {
                values(reader);
            }
        }).isInstanceOfSatisfying(CsvException.class, e -> {
            assertThat(e.error()).isEqualTo(CsvError.ROW_WIDTH);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.arguments()).containsExactly("3", "4", "3");
        });
    }

    @Test
    void trailingEmptyFieldsTolerated() throws IOException {
        String table = "a,b,label,,\nx,y,1,,\n";
        try (CsvTableReader reader = read(table.getBytes(StandardCharsets.UTF_8),
                CsvOptions.detect())) {
            assertThat(reader.header()).containsExactly("a", "b", "label");
            assertThat(values(reader)).containsExactly(List.of("x", "y", "1"));
        }
    }

    @Test
    void unclosedQuoteNamesLine() {
        String table = "a,b,label\nx,y,1\nx,\"never closed,1\n";
        assertThatThrownBy(() -> {
            try (CsvTableReader reader = read(table.getBytes(StandardCharsets.UTF_8),
                    CsvOptions.detect())) {
                values(reader);
            }
        }).isInstanceOfSatisfying(CsvException.class, e -> {
            assertThat(e.error()).isEqualTo(CsvError.UNCLOSED_QUOTE);
            assertThat(e.line()).isEqualTo(3);
        });
    }

    @Test
    void duplicateHeaderRejected() {
        assertThatThrownBy(() -> read("a,A,real\n".getBytes(StandardCharsets.UTF_8),
                CsvOptions.detect()))
                .isInstanceOfSatisfying(CsvException.class,
                        e -> assertThat(e.error()).isEqualTo(CsvError.DUPLICATE_COLUMN))
                .hasMessageContaining("\"A\"");
    }

    @Test
    void emptyFileRejected() {
        for (String content : new String[] {"", "\n\n", "\uFEFF"}) {
            assertThatThrownBy(() -> read(content.getBytes(StandardCharsets.UTF_8),
                    CsvOptions.detect()))
                    .as("content %s", content.length())
                    .isInstanceOfSatisfying(CsvException.class,
                            e -> assertThat(e.error()).isEqualTo(CsvError.EMPTY_FILE));
        }
    }

    @Test
    void gzipFileByMagicBytes() throws IOException {
        Path file = dir.resolve("upload.bin");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(CHINESE_TABLE.getBytes(GBK));
        }
        try (CsvTableReader reader = CsvTableReader.open(file, CsvOptions.detect())) {
            assertThat(reader.isGzip()).isTrue();
            assertThat(reader.charset().name()).isEqualTo("GB18030");
            assertThat(values(reader)).hasSize(2);
            assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void largeStreamReadWithFlatMemory() throws IOException {
        long rows = 3_000_000;
        Runtime runtime = Runtime.getRuntime();
        long before = usedHeapAfterGc(runtime);
        long peak = 0;
        long count = 0;
        double sum = 0;
        try (CsvTableReader reader = CsvTableReader.open(new GeneratedTable(rows),
                CsvOptions.detect())) {
            CsvValues values = new CsvValues(reader.header());
            for (CsvRow row : reader) {
                count++;
                sum += values.number(row, 3);
                if (count % 500_000 == 0) {
                    peak = Math.max(peak, usedHeapAfterGc(runtime));
                }
            }
            assertThat(reader.bytesRead()).isGreaterThan(75_000_000L);
        }
        assertThat(count).isEqualTo(rows);
        // Each block of 1000 rows holds real = 0..999.
        assertThat(sum).isEqualTo(rows / 1000 * 499_500.0);
        // Streaming keeps the live heap near the buffers; holding the ~80 MB of rows would not.
        assertThat(peak - before).isLessThan(32L * 1024 * 1024);
    }

    private static long usedHeapAfterGc(Runtime runtime) {
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Produces a CSV of {@code rows} rows on the fly, about 27 bytes a row. */
    private static final class GeneratedTable extends InputStream {
        private final long rows;
        private long row = -1;
        private byte[] current = "host,idc,service,real,predict\n".getBytes(StandardCharsets.UTF_8);
        private int position;

        GeneratedTable(long rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            if (position == current.length && !advance()) {
                return -1;
            }
            return current[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == current.length && !advance()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean advance() {
            row++;
            if (row >= rows) {
                return false;
            }
            current = ("app-" + (row % 997) + ",IDC" + (row % 7) + ",svc-" + (row % 13) + ","
                    + (row % 1000) + ",500\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }
    }

    private CsvTableReader read(byte[] content, CsvOptions options) throws IOException {
        return CsvTableReader.open(new ByteArrayInputStream(content), options);
    }

    private static List<CsvRow> rows(CsvTableReader reader) {
        List<CsvRow> rows = new ArrayList<>();
        reader.forEach(rows::add);
        return rows;
    }

    private static List<List<String>> values(CsvTableReader reader) {
        return rows(reader).stream().map(row -> List.of(row.values())).toList();
    }

    private static byte[] concat(byte[] first, byte[] second) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        out.write(second);
        return out.toByteArray();
    }
}
