package com.znyw.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;

/**
 * Streams a generated CSV of about {@code args[0]} megabytes (1024 by default) through
 * {@link CsvTableReader} and {@link CsvValues}, as the Focus job reads an upload, and prints
 * the throughput and the peak heap in use. Run it with the test classpath:
 * {@code java -Xmx256m -cp <test classpath> com.znyw.core.csv.CsvReadBenchmark 1024}.
 */
public final class CsvReadBenchmark {

    private CsvReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        GeneratedCsv input = new GeneratedCsv(megabytes * 1024 * 1024);
        long started = System.nanoTime();
        long rows = 0;
        double sum = 0;
        try (CsvTableReader reader = CsvTableReader.open(input, CsvOptions.detect())) {
            CsvValues values = new CsvValues(reader.header());
            for (CsvRow row : reader) {
                sum += values.measure(row, 3) + values.measure(row, 4);
                rows++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("bytes=%d rows=%d seconds=%.1f MB/s=%.1f rows/s=%.0f"
                        + " peakHeapMB=%d maxHeapMB=%d checksum=%.0f%n",
                input.produced, rows, seconds, input.produced / 1e6 / seconds, rows / seconds,
                peakHeap / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024), sum);
    }

    /** A CSV of leaf rows produced on the fly until {@code limit} bytes are reached. */
    private static final class GeneratedCsv extends InputStream {
        private final long limit;
        private long produced;
        private long row;
        private byte[] current = "host,idc,service,real,predict\n".getBytes(StandardCharsets.UTF_8);
        private int position;

        GeneratedCsv(long limit) {
            this.limit = limit;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == current.length) {
                if (produced >= limit) {
                    return -1;
                }
                current = ("app-" + (row % 997) + ",IDC" + (row % 7) + ",svc-" + (row % 13) + ","
                        + (row % 1000) + ".25," + (500 + row % 3) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                position = 0;
                row++;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            produced += n;
            return n;
        }
    }
}
