package com.znyw.ml.eval.rca;

import com.znyw.ml.rca.Cube;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads synthetic cubes: {@code <id>.csv.gz} with dimension columns followed by {@code real} and
 * {@code predict}, and {@code injection_info.csv}, whose {@code timestamp} column is the cube id
 * and whose {@code set} column lists the injected root causes, {@code ;}-separated.
 */
public final class SyntheticDataset {

    private SyntheticDataset() {
    }

    public static List<RcaCase> load(Path dir) {
        return load(dir, Integer.MAX_VALUE);
    }

    /** Loads the first {@code limit} cubes listed in {@code injection_info.csv}. */
    public static List<RcaCase> load(Path dir, int limit) {
        Path info = dir.resolve("injection_info.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(info, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + info, e);
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int idColumn = header.indexOf("timestamp");
        int setColumn = header.indexOf("set");
        if (idColumn < 0 || setColumn < 0) {
            throw new IllegalArgumentException(info + " needs the columns timestamp and set; "
                    + "header is " + lines.get(0));
        }
        List<RcaCase> cases = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            if (cases.size() == limit) {
                break;
            }
            String[] fields = line.split(",");
            String id = fields[idColumn].strip();
            Set<String> truth = RcaScorer.canonicalSet(Arrays.asList(fields[setColumn].split(";")));
            long start = System.nanoTime();
            Cube cube = readCube(dir.resolve(id + ".csv.gz"));
            cases.add(new RcaCase(id, cube, truth, System.nanoTime() - start));
        }
        return cases;
    }

    static Cube readCube(Path file) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split(",");
            List<String> columns = Arrays.asList(header);
            int realColumn = columns.indexOf("real");
            int predictColumn = columns.indexOf("predict");
            if (realColumn < 0 || predictColumn < 0) {
                throw new IllegalArgumentException(file + " needs the columns real and predict;"
                        + " header is " + String.join(",", header));
            }
            List<Integer> dimensionColumns = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                if (c != realColumn && c != predictColumn) {
                    dimensionColumns.add(c);
                }
            }
            Cube.Builder builder = new Cube.Builder(dimensionColumns.stream()
                    .map(c -> header[c]).toArray(String[]::new));
            String line;
            String[] values = new String[dimensionColumns.size()];
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                for (int d = 0; d < values.length; d++) {
                    values[d] = fields[dimensionColumns.get(d)];
                }
                builder.add(values, Double.parseDouble(fields[realColumn]),
                        Double.parseDouble(fields[predictColumn]));
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file, e);
        }
    }
}
