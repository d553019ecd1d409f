package com.znyw.ml.eval.nab;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NAB data files ({@code timestamp,value}) and reads and writes NAB result files
 * ({@code timestamp,value,anomaly_score,label}, possibly with more columns).
 * Columns are found by header name. NAB's files hold no quoted fields, so none are supported.
 */
public final class NabCsv {

    /** Header of the result files that this class writes, as NAB's detectors write them. */
    public static final String RESULT_HEADER = "timestamp,value,anomaly_score,label";

    private NabCsv() {
    }

    /**
     * Reads a NAB data file. The anomaly score of every returned point is 0.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file and line if a column is missing or a
     *                                  value does not parse
     */
    public static List<ScoredPoint> readData(Path csv) throws IOException {
        return read(csv, false);
    }

    /**
     * Returns the points with every timestamp that repeats its predecessor's moved 1 ms after it.
     * NAB files repeat timestamps at daylight-saving changes; a stream keyed by series and event
     * time treats a repeat as the same point, so both the benchmark and the streaming demo feed
     * detectors this form. Timestamps that go backwards are left as they are.
     */
    public static List<ScoredPoint> strictlyIncreasing(List<ScoredPoint> points) {
        List<ScoredPoint> result = new ArrayList<>(points.size());
        long previousOriginal = Long.MIN_VALUE;
        long previousEmitted = Long.MIN_VALUE;
        for (ScoredPoint point : points) {
            long ts = point.timestampMs();
            // A run of equal timestamps becomes ts, ts + 1, ts + 2, ... in file order.
            long emitted = ts == previousOriginal ? previousEmitted + 1 : ts;
            result.add(emitted == ts ? point : new ScoredPoint(emitted, point.value(), point.anomalyScore()));
            previousOriginal = ts;
            previousEmitted = emitted;
        }
        return result;
    }

    /**
     * Reads a NAB result file: {@code timestamp}, {@code value} and {@code anomaly_score} columns.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException as for {@link #readData}
     */
    public static List<ScoredPoint> readResults(Path csv) throws IOException {
        return read(csv, true);
    }

    /**
     * Writes a NAB result file. The {@code label} column is 1 for points inside one of the windows.
     *
     * @throws IOException if the file or its folder cannot be written
     */
    public static void writeResults(Path csv, List<ScoredPoint> points, List<AnomalyWindow> windows)
            throws IOException {
        Path parent = csv.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(RESULT_HEADER);
            out.write('\n');
            for (ScoredPoint point : points) {
                int label = 0;
                for (AnomalyWindow window : windows) {
                    if (window.contains(point.timestampMs())) {
                        label = 1;
                        break;
                    }
                }
                out.write(NabTime.format(point.timestampMs()));
                out.write(',');
                out.write(Double.toString(point.value()));
                out.write(',');
                out.write(Double.toString(point.anomalyScore()));
                out.write(',');
                out.write(Integer.toString(label));
                out.write('\n');
            }
        }
    }

    private static List<ScoredPoint> read(Path csv, boolean withScores) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IOException("NAB file not found: " + csv.toAbsolutePath());
        }
        List<ScoredPoint> points = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException("NAB file " + csv + " is empty: expected a header line such as "
                        + (withScores ? RESULT_HEADER : "timestamp,value") + ".");
            }
            List<String> columns = List.of(header.strip().split(",", -1));
            int timestampColumn = requireColumn(csv, columns, "timestamp");
            int valueColumn = requireColumn(csv, columns, "value");
            int scoreColumn = withScores ? requireColumn(csv, columns, "anomaly_score") : -1;

            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length < columns.size()) {
                    throw new IllegalArgumentException("Line " + lineNumber + " of " + csv + " has " + fields.length
                            + " fields, but the header names " + columns.size() + ". Fix or remove that line.");
                }
                try {
                    long timestamp = NabTime.parse(fields[timestampColumn]);
                    double value = parseNumber(fields[valueColumn], "value");
                    double score = withScores ? parseNumber(fields[scoreColumn], "anomaly_score") : 0.0;
                    points.add(new ScoredPoint(timestamp, value, score));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Line " + lineNumber + " of " + csv + " is invalid: "
                            + e.getMessage(), e);
                }
            }
        }
        return points;
    }

    private static int requireColumn(Path csv, List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("NAB file " + csv + " has no '" + name + "' column; its header is "
                    + String.join(",", columns) + ".");
        }
        return index;
    }

    private static double parseNumber(String text, String column) {
        try {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a finite number");
        }
    }
}
