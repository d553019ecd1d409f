package com.znyw.ml.eval.nab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads NAB's {@code labels/combined_windows.json}: anomaly windows per data file. */
public final class NabLabels {

    private NabLabels() {
    }

    /**
     * Loads the windows of every file, keyed by NAB's relative path such as
     * {@code realKnownCause/nyc_taxi.csv}. Each file's windows come back sorted by start.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file and entry if an entry is not a list of
     *                                  {@code [start, end]} timestamp pairs, or two windows of
     *                                  one file overlap
     */
    public static Map<String, List<AnomalyWindow>> loadWindows(Path combinedWindowsJson) throws IOException {
        if (!Files.isRegularFile(combinedWindowsJson)) {
            throw new IOException("NAB labels file not found: " + combinedWindowsJson.toAbsolutePath()
                    + ". Point --data at a NAB folder that contains labels/combined_windows.json.");
        }
        String source = combinedWindowsJson.toString();
        Object root = JsonReader.parse(Files.readString(combinedWindowsJson, StandardCharsets.UTF_8), source);
        if (!(root instanceof Map<?, ?> byFile)) {
            throw new IllegalArgumentException("NAB labels file " + source
                    + " must contain a JSON object that maps each data file to its list of windows.");
        }
        Map<String, List<AnomalyWindow>> windowsByFile = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : byFile.entrySet()) {
            String file = (String) entry.getKey();
            windowsByFile.put(file, readWindows(file, entry.getValue(), source));
        }
        return windowsByFile;
    }

    private static List<AnomalyWindow> readWindows(String file, Object value, String source) {
        if (!(value instanceof List<?> pairs)) {
            throw new IllegalArgumentException("Windows of " + file + " in " + source
                    + " must be a list of [start, end] pairs, found: " + value);
        }
        List<AnomalyWindow> windows = new ArrayList<>();
        for (Object pair : pairs) {
            if (!(pair instanceof List<?> limits) || limits.size() != 2
                    || !(limits.get(0) instanceof String start) || !(limits.get(1) instanceof String end)) {
                throw new IllegalArgumentException("Window " + pair + " of " + file + " in " + source
                        + " must be a pair of timestamps such as [\"2014-04-10 07:15:00.000000\", \"2014-04-11 16:45:00.000000\"].");
            }
            try {
                windows.add(new AnomalyWindow(NabTime.parse(start), NabTime.parse(end)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Window " + pair + " of " + file + " in " + source
                        + " is invalid: " + e.getMessage(), e);
            }
        }
        windows.sort(Comparator.comparingLong(AnomalyWindow::startMs));
        requireDisjoint(file, windows);
        return List.copyOf(windows);
    }

    /**
     * Checks that sorted windows do not overlap. NAB merges overlapping label windows before
     * scoring, and its scorer assumes that it did.
     */
    static void requireDisjoint(String file, List<AnomalyWindow> sortedWindows) {
        for (int i = 1; i < sortedWindows.size(); i++) {
            AnomalyWindow previous = sortedWindows.get(i - 1);
            AnomalyWindow current = sortedWindows.get(i);
            if (current.startMs() <= previous.endMs()) {
                throw new IllegalArgumentException("Anomaly windows " + previous + " and " + current + " of "
                        + file + " overlap. Merge them into one window.");
            }
        }
    }
}
