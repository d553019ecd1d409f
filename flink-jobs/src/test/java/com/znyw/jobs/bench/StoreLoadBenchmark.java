package com.znyw.jobs.bench;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.core.tsdb.LineProtocol;
import com.znyw.core.tsdb.QuestDbScoreRepository;
import com.znyw.embedded.EmbeddedQuestDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures the embedded QuestDB's own CPU time per row for line-protocol writes shaped like the
 * detection job's, without Flink on the same cores.
 *
 * <p>It starts QuestDB on 127.0.0.1 (its worker settings can be overridden with {@code QDB_*}
 * variables in this process's environment, which the server inherits), creates {@code kpi_score}
 * and then, in each of {@code --rounds} rounds, posts {@code --rows} new rows over one HTTP
 * connection in requests of {@code --batch-size} lines, at most {@code --requests-per-second}.
 * Timestamps keep increasing across rounds, so QuestDB appends. After each round it waits 1 s
 * for the WAL to be applied and prints QuestDB's CPU µs per row. Round 1 includes QuestDB's JIT
 * compilation.
 *
 * <p>Run with the class path of {@link PipelineBenchmark}: {@code java -Dznyw.home=$PWD -cp ...
 * com.znyw.jobs.bench.StoreLoadBenchmark --rows 500000 --batch-size 5000
 * --requests-per-second 15 --rounds 3}.
 */
public final class StoreLoadBenchmark {

    private static final long FIRST_TS = 1_733_000_000_000L;
    private static final long INTERVAL_MS = 60_000;
    private static final int SERIES = 1000;
    private static final Duration APPLY_WAIT = Duration.ofSeconds(1);

    private StoreLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: StoreLoadBenchmark [--rows N] [--batch-size N]"
                    + " [--requests-per-second N] [--rounds N]");
            System.exit(2);
            return;
        }
        long rows = options.get("--rows");
        int batchSize = options.get("--batch-size").intValue();
        long requestsPerSecond = options.get("--requests-per-second");
        long rounds = options.get("--rounds");

        try (EmbeddedQuestDb questDb = EmbeddedQuestDb.start()) {
            new QuestDbScoreRepository(questDb.pgJdbcUrl(), EmbeddedQuestDb.PG_USER,
                    EmbeddedQuestDb.PG_PASSWORD).createTableIfMissing();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI write = URI.create(questDb.httpUrl() + "/api/v2/write?precision=ms");
            System.out.printf(Locale.ROOT, "rows=%d batch_size=%d requests_per_second=%d%n",
                    rows, batchSize, requestsPerSecond);

            long nextRow = 0;
            for (int round = 1; round <= rounds; round++) {
                String[] bodies = bodies(nextRow, rows, batchSize);
                nextRow += rows;
                Duration cpuBefore = cpu(questDb);
                long start = System.nanoTime();
                for (int i = 0; i < bodies.length; i++) {
                    post(http, write, bodies[i]);
                    long dueNanos = start + (i + 1) * 1_000_000_000L / requestsPerSecond;
                    long waitMs = (dueNanos - System.nanoTime()) / 1_000_000;
                    if (waitMs > 0) {
                        Thread.sleep(waitMs);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(APPLY_WAIT.toMillis());
                Duration used = cpu(questDb).minus(cpuBefore);
                System.out.printf(Locale.ROOT, "round=%d rows=%d seconds=%.1f questdb_cpu_s=%.2f"
                                + " questdb_cpu_us_per_row=%.2f%n", round, rows, seconds,
                        used.toNanos() / 1e9, used.toNanos() / 1e3 / rows);
            }
        }
        System.exit(0);
    }

    /** Formats rows {@code first} to {@code first + rows - 1} as request bodies. */
    private static String[] bodies(long first, long rows, int batchSize) {
        Random random = new Random(first);
        int requests = (int) ((rows + batchSize - 1) / batchSize);
        String[] bodies = new String[requests];
        StringBuilder body = new StringBuilder(batchSize * 256);
        long row = first;
        for (int request = 0; request < requests; request++) {
            body.setLength(0);
            long end = Math.min(first + rows, row + batchSize);
            for (; row < end; row++) {
                if (body.length() > 0) {
                    body.append('\n');
                }
                body.append(LineProtocol.format(point(row, random)));
            }
            bodies[request] = body.toString();
        }
        return bodies;
    }

    /** Returns a scored point like the pipeline benchmark's: 1000 series, one point a minute. */
    private static ScoredPoint point(long row, Random random) {
        SeriesKey key = SeriesKey.parse("bench_store{host=app-" + (row % SERIES) + ",idc=BJ}");
        ScoredPoint point = new ScoredPoint();
        point.series = key.toString();
        point.kpi = key.kpi();
        point.tags = key.tags();
        point.ts = FIRST_TS + (row / SERIES) * INTERVAL_MS;
        point.value = 100 + random.nextGaussian();
        point.expected = 100 + random.nextGaussian() * 0.1;
        point.lower = point.expected - 3 - random.nextDouble();
        point.upper = point.expected + 3 + random.nextDouble();
        point.score = random.nextDouble();
        point.anomaly = false;
        point.detector = "spectral_residual";
        point.modelVersion = "online";
        return point;
    }

    private static void post(HttpClient http, URI write, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(write)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("QuestDB rejected a write with HTTP "
                    + response.statusCode() + ": " + response.body());
        }
    }

    private static Duration cpu(EmbeddedQuestDb questDb) {
        return ProcessHandle.of(questDb.pid())
                .flatMap(process -> process.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for QuestDB process "
                        + questDb.pid()));
    }

    private static Map<String, Long> parse(String[] args) {
        Map<String, Long> options = new java.util.HashMap<>(Map.of("--rows", 500_000L,
                "--batch-size", 5000L, "--requests-per-second", 15L, "--rounds", 3L));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown flag " + args[i]
                        + ": use --rows, --batch-size, --requests-per-second or --rounds");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]
                        + ": give a whole number");
            }
            long value;
            try {
                value = Long.parseLong(args[i + 1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid " + args[i] + " '" + args[i + 1]
                        + "': use a whole number from 1 to 100000000");
            }
            if (value < 1 || value > 100_000_000) {
                throw new IllegalArgumentException("invalid " + args[i] + " " + value
                        + ": use a whole number from 1 to 100000000");
            }
            options.put(args[i], value);
        }
        return options;
    }
}
