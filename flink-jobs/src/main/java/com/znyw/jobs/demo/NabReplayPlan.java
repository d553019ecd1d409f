package com.znyw.jobs.demo;

import com.znyw.core.model.KpiPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.ml.eval.nab.NabCsv;
import com.znyw.ml.eval.nab.NabLabels;
import com.znyw.ml.eval.nab.ScoredPoint;
import com.znyw.jobs.text.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The NAB files of a folder turned into live KPI series: each file becomes one series
 * {@code <file name>{category=<category>,source=nab}}, shifted by whole weeks so that every file
 * ends within the week before the replay starts. Whole weeks keep each point's weekday and time of
 * day, so daily and weekly patterns stay where they were.
 *
 * <p>NAB files repeat some timestamps (daylight-saving changes). A series key plus a timestamp is
 * one point in the store, so a repeated timestamp is replayed 1 ms after its predecessor, the
 * same normalisation that the NAB benchmark applies ({@link NabCsv#strictlyIncreasing}), which
 * keeps the job's results comparable with the library's.
 */
public final class NabReplayPlan {

    private static final long WEEK_MS = Duration.ofDays(7).toMillis();

    /** One NAB file as a series. */
    public record ReplaySeries(String file, SeriesKey key, long offsetMs, List<ScoredPoint> rows) {

        /** Returns the replayed (shifted) event time of a row. */
        public long replayTs(int row) {
            return rows.get(row).timestampMs() + offsetMs;
        }
    }

    private final Path nabRoot;
    private final List<ReplaySeries> series;

    private NabReplayPlan(Path nabRoot, List<ReplaySeries> series) {
        this.nabRoot = nabRoot;
        this.series = series;
    }

    /**
     * Reads every {@code data/<category>/*.csv} under a NAB-layout folder.
     *
     * @param nowMs the replay's "now": every series ends at most one week before it
     * @throws IOException              if a file cannot be read
     * @throws UsageException           if the folder contains no NAB data file or an invalid
     *                                  one, or lacks valid NAB labels
     */
    public static NabReplayPlan load(Path nabRoot, long nowMs) throws IOException {
        Path dataRoot = nabRoot.resolve("data").toAbsolutePath().normalize();
        if (!Files.isDirectory(dataRoot)) {
            throw new UsageException("demo.data.missing", dataRoot);
        }
        List<ReplaySeries> series = new ArrayList<>();
        try (Stream<Path> categories = Files.list(dataRoot)) {
            for (Path category : categories.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(category)) {
                    for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                        series.add(toSeries(category.getFileName().toString(), csv, nowMs));
                    }
                }
            }
        }
        if (series.isEmpty()) {
            throw new UsageException("demo.data.empty", dataRoot);
        }
        // The demo ends by scoring the replay with NAB's labels, so a folder without valid
        // labels is refused before any server starts.
        Path labels = nabRoot.resolve("labels").resolve("combined_windows.json")
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(labels)) {
            throw new UsageException("demo.data.noScoring", labels);
        }
        try {
            NabLabels.loadWindows(labels);
        } catch (IllegalArgumentException e) {
            throw new UsageException("demo.data.invalidFile", labels, e.getMessage());
        }
        return new NabReplayPlan(nabRoot, series);
    }

    private static ReplaySeries toSeries(String category, Path csv, long nowMs) throws IOException {
        String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        List<ScoredPoint> rows;
        try {
            rows = NabCsv.strictlyIncreasing(NabCsv.readData(csv));
        } catch (IllegalArgumentException e) {
            // The reason, with the line number, comes from the CSV reader in English.
            throw new UsageException("demo.data.invalidFile", csv.toAbsolutePath().normalize(),
                    e.getMessage());
        }
        long last = rows.get(rows.size() - 1).timestampMs();
        long offset = Math.floorDiv(nowMs - last, WEEK_MS) * WEEK_MS;
        SeriesKey key = SeriesKey.of(kpiName(name), Map.of("category", category, "source", "nab"));
        return new ReplaySeries(category + "/" + csv.getFileName(), key, offset, rows);
    }

    /** Turns a file name into a valid KPI name: characters outside the allowed set become '_'. */
    static String kpiName(String fileName) {
        String name = fileName.replaceAll("[^A-Za-z0-9_.:-]", "_");
        return name.length() > 128 ? name.substring(0, 128) : name;
    }

    /** Returns the NAB-layout folder the plan was read from. */
    public Path nabRoot() {
        return nabRoot;
    }

    public List<ReplaySeries> series() {
        return series;
    }

    public int pointCount() {
        return series.stream().mapToInt(s -> s.rows().size()).sum();
    }

    public long firstTs() {
        return series.stream().mapToLong(s -> s.replayTs(0)).min().orElseThrow();
    }

    public long lastTs() {
        return series.stream().mapToLong(s -> s.replayTs(s.rows().size() - 1)).max().orElseThrow();
    }

    /** Calls {@code sink} with every point of every series, merged in replayed event-time order. */
    public void forEachInTimeOrder(Consumer<KpiPoint> sink) {
        // Each queue entry is {series index, row index}; the head has the smallest replayed time.
        PriorityQueue<int[]> heads = new PriorityQueue<>(Comparator
                .<int[]>comparingLong(cursor -> series.get(cursor[0]).replayTs(cursor[1]))
                .thenComparingInt(cursor -> cursor[0]));
        for (int s = 0; s < series.size(); s++) {
            heads.add(new int[] {s, 0});
        }
        while (!heads.isEmpty()) {
            int[] cursor = heads.poll();
            ReplaySeries current = series.get(cursor[0]);
            ScoredPoint row = current.rows().get(cursor[1]);
            sink.accept(new KpiPoint(current.key().kpi(), current.replayTs(cursor[1]), row.value(),
                    current.key().tags()));
            if (cursor[1] + 1 < current.rows().size()) {
                heads.add(new int[] {cursor[0], cursor[1] + 1});
            }
        }
    }
}
