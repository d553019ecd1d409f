package com.znyw.ml.eval.rca;

import com.znyw.ml.rca.Cube;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RS cases: one CSV per case with a row per minute and leaf ({@code min}, dimension
 * columns, {@code value}, {@code cnt}) and {@code anomaly.yaml} with each case's anomaly minute
 * and true root cause. The measure is derived, {@code (cnt - value) / cnt}.
 *
 * <p>Each leaf's expected numerator and denominator are forecast from the minutes before the
 * anomaly minute only: by default the median over up to {@link #DEFAULT_HISTORY_MINUTES} minutes,
 * because a mean is pulled by earlier disturbances; a leaf missing in a minute counts 0 there.
 */
public final class RsDataset {

    public static final int DEFAULT_HISTORY_MINUTES = 10;

    /** Forecast statistic over the history window. */
    public enum Statistic { MEAN, MEDIAN }

    private static final Pattern CASE = Pattern.compile(
            "-\\s*data:\\s*(.+?)\\s*\\n\\s*timestamp:\\s*(\\d+)\\s*\\n\\s*cause:\\s*(.+)");
    private static final Pattern CAUSE_MAP = Pattern.compile("\\{([^}]*)}");

    private RsDataset() {
    }

    /** One entry of {@code anomaly.yaml}. */
    record Label(String data, long minute, Set<String> causes) {
    }

    public static List<RcaCase> load(Path dir, int historyMinutes, Statistic statistic) {
        if (historyMinutes < 1) {
            throw new IllegalArgumentException("historyMinutes must be at least 1, was "
                    + historyMinutes);
        }
        List<RcaCase> cases = new ArrayList<>();
        for (Label label : readLabels(dir.resolve("anomaly.yaml"))) {
            long start = System.nanoTime();
            Path file = dir.resolve(label.data() + ".csv");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("case file not found: " + file
                        + " (named in anomaly.yaml)");
            }
            Cube cube = readCube(file, label.minute(), historyMinutes, statistic);
            cases.add(new RcaCase(label.data(), cube, label.causes(), System.nanoTime() - start));
        }
        return cases;
    }

    static List<Label> readLabels(Path yaml) {
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + yaml, e);
        }
        List<Label> labels = new ArrayList<>();
        Matcher m = CASE.matcher(text.replace("\r", ""));
        while (m.find()) {
            labels.add(new Label(m.group(1), Long.parseLong(m.group(2)), parseCauses(m.group(3))));
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no cases found in " + yaml
                    + "; expected entries of data, timestamp and cause");
        }
        return labels;
    }

    /** Parses {@code {'bitrate':2000,'p2p':1}} or a list of such maps into canonical causes. */
    static Set<String> parseCauses(String cause) {
        Set<String> causes = new LinkedHashSet<>();
        Matcher m = CAUSE_MAP.matcher(cause);
        while (m.find()) {
            List<String> elements = new ArrayList<>();
            for (String pair : m.group(1).split(",")) {
                String[] kv = pair.split(":", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("invalid cause '" + cause
                            + "': expected {'dim':value, ...} or a list of such maps");
                }
                elements.add(unquote(kv[0]) + "=" + unquote(kv[1]));
            }
            causes.add(RcaScorer.canonical(String.join("&", elements)));
        }
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("invalid cause '" + cause
                    + "': expected {'dim':value, ...} or a list of such maps");
        }
        return causes;
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("'") || t.startsWith("\""))) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static Cube readCube(Path file, long anomalyMinute, int historyMinutes,
            Statistic statistic) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String[] header = reader.readLine().split(",");
            int minuteColumn = indexOf(header, "min", file);
            int valueColumn = indexOf(header, "value", file);
            int countColumn = indexOf(header, "cnt", file);
            List<Integer> dimensionColumns = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                if (c != minuteColumn && c != valueColumn && c != countColumn) {
                    dimensionColumns.add(c);
                }
            }
            String[] dimensions = dimensionColumns.stream().map(c -> header[c])
                    .toArray(String[]::new);

            // leaf key -> minute -> {value, cnt}
            Map<String, Map<Long, double[]>> series = new LinkedHashMap<>();
            Map<String, String[]> leafValues = new HashMap<>();
            TreeSet<Long> minutes = new TreeSet<>();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != header.length) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + " has "
                            + fields.length + " fields, the header has " + header.length);
                }
                long minute = Long.parseLong(fields[minuteColumn].strip());
                if (minute > anomalyMinute) {
                    continue;
                }
                String[] values = new String[dimensions.length];
                for (int d = 0; d < values.length; d++) {
                    values[d] = fields[dimensionColumns.get(d)].strip();
                }
                String key = String.join("\u0001", values);
                leafValues.putIfAbsent(key, values);
                double[] point = series.computeIfAbsent(key, k -> new HashMap<>())
                        .computeIfAbsent(minute, k -> new double[2]);
                point[0] += Double.parseDouble(fields[valueColumn]);
                point[1] += Double.parseDouble(fields[countColumn]);
                minutes.add(minute);
            }
            List<Long> history = new ArrayList<>(minutes.headSet(anomalyMinute, false));
            history = history.subList(Math.max(0, history.size() - historyMinutes),
                    history.size());

            Cube.Builder builder = new Cube.Builder(dimensions);
            double[] values = new double[history.size()];
            double[] counts = new double[history.size()];
            for (Map.Entry<String, Map<Long, double[]>> e : series.entrySet()) {
                Map<Long, double[]> points = e.getValue();
                for (int h = 0; h < history.size(); h++) {
                    double[] p = points.get(history.get(h));
                    values[h] = p == null ? 0 : p[0];
                    counts[h] = p == null ? 0 : p[1];
                }
                double[] now = points.getOrDefault(anomalyMinute, new double[2]);
                double predictCount = aggregate(counts, statistic);
                double predictValue = Math.min(predictCount, aggregate(values, statistic));
                // The measure is (cnt - value) / cnt: numerator cnt - value, denominator cnt.
                builder.add(leafValues.get(e.getKey()), Math.max(0, now[1] - now[0]),
                        predictCount - predictValue, now[1], predictCount);
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file, e);
        }
    }

    private static double aggregate(double[] values, Statistic statistic) {
        if (values.length == 0) {
            return 0;
        }
        if (statistic == Statistic.MEAN) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            return sum / values.length;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int indexOf(String[] header, String column, Path file) {
        for (int c = 0; c < header.length; c++) {
            if (header[c].strip().equals(column)) {
                return c;
            }
        }
        throw new IllegalArgumentException(file + " has no column '" + column + "'; header is "
                + String.join(",", header));
    }
}
