package com.znyw.jobs.discovery;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.kpi.KpiConfigQuery;
import com.znyw.core.kpi.KpiConfigRepository;
import com.znyw.embedded.EmbeddedMongo;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Measures the two halves of the discovery job separately, with N distinct series per window,
 * on a local MiniCluster fed by bounded generated sources.
 *
 * <ol>
 *   <li>Windowing: JSON points (3 per series per 1-minute window, 20 s apart) go through the
 *       same parser, watermarks, keying and window aggregate as {@link DiscoveryJob#build} at
 *       parallelism 2, into a sink that counts and drops the statistics instead of the registry
 *       writer. Prints points/s and ms per window.
 *   <li>Registry: generated statistics of one window for N series go through the real
 *       {@link RegistrySyncFunction} into mongo-java-server 1.47 (H2 backend, own JVM, started
 *       by {@link EmbeddedMongo}). The first window inserts every series, the second updates
 *       {@code lastSeen} of every series. Prints series/s for each.
 * </ol>
 *
 * <p>A measured time runs from the source's first generated element to the moment the last
 * sink subtask reaches its end of input, so job start-up and tear-down on the MiniCluster are
 * left out; Flink's net job runtime is printed beside it as {@code job_ms}. An empty one-series
 * job runs first to load classes. A job that runs longer than the time limit is cancelled and
 * reported as timed out with the progress it made. Other work on a shared machine stretches
 * wall-clock times, so each part also prints the CPU time this JVM ({@code bench_cpu_ms}) and,
 * for the registry parts, the MongoDB server's JVM ({@code mongo_cpu_ms}) spent on it.
 *
 * <p>Run (from the repository root, after building the modules it needs):
 * <pre>
 * ./mvnw -B -o -pl libs/embedded,embedded/mongo-server,libs/core,flink-jobs install -DskipTests
 * ./mvnw -B -o -pl flink-jobs dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * java -Xmx2g -Dznyw.home=$PWD \
 *     -cp flink-jobs/target/test-classes:flink-jobs/target/classes:$(cat flink-jobs/target/test-classpath.txt) \
 *     com.znyw.jobs.discovery.DiscoveryBenchmark [series [windows [limit-seconds]]]
 * </pre>
 * Defaults: 100000 series, 2 windows in the windowing part, 300 s limit per job.
 */
public final class DiscoveryBenchmark {

    /** Start of the first window, a whole minute in epoch milliseconds. */
    private static final long T0 = 1_733_299_980_000L;
    private static final long WINDOW_MS = 60_000;
    private static final int POINTS_PER_SERIES = 3;
    private static final long POINT_INTERVAL_MS = 20_000;
    private static final int PARALLELISM = 2;
    private static final String DATABASE = "discovery_bench";

    // The MiniCluster runs in this JVM, so its tasks report to the benchmark through statics.
    /** Statistics or events that reached a counting sink. */
    private static final AtomicLong SUNK = new AtomicLong();
    /** {@link System#nanoTime()} when the source generated its first element, or 0. */
    private static final AtomicLong FIRST_ELEMENT_NANOS = new AtomicLong();
    /** {@link System#nanoTime()} when a counting sink last saw an element or its end of input. */
    private static final AtomicLong SINK_DONE_NANOS = new AtomicLong();

    private DiscoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seriesCount = positiveArgument(args, 0, "series", 100_000);
        int windows = positiveArgument(args, 1, "windows", 2);
        Duration limit = Duration.ofSeconds(positiveArgument(args, 2, "limit-seconds", 300));

        System.out.printf("series=%d windows=%d points_per_series_per_window=%d parallelism=%d"
                        + " cores=%d max_heap_mb=%d limit_s=%d%n", seriesCount, windows,
                POINTS_PER_SERIES, PARALLELISM, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, limit.toSeconds());
        printLoad("start");

        measureWindowing(1, 1, limit, "warm-up");
        measureWindowing(seriesCount, windows, limit, "windowing");
        measureRegistry(seriesCount, limit);
        printLoad("end");
    }

    /** Runs the window stage over {@code windows} windows of {@code seriesCount} series. */
    private static void measureWindowing(int seriesCount, int windows, Duration limit,
            String label) throws Exception {
        long points = (long) seriesCount * POINTS_PER_SERIES * windows;
        GeneratorFunction<Long, String> generator = index -> {
            FIRST_ELEMENT_NANOS.compareAndSet(0, System.nanoTime());
            return pointJson(index, seriesCount);
        };
        Configuration config = new Configuration();
        config.set(DiscoveryOptions.WINDOW_SIZE, Duration.ofMillis(WINDOW_MS));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        env.getConfig().disableGenericTypes();

        // The same operators as DiscoveryJob.build up to the window aggregate; the registry
        // writer is replaced by a sink that only counts.
        env.fromSource(new DataGeneratorSource<>(generator, points, Types.STRING),
                        WatermarkStrategy.noWatermarks(), "kpi-points")
                .process(new PointParser())
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<SeriesPoint>forBoundedOutOfOrderness(
                                config.get(DiscoveryOptions.MAX_OUT_OF_ORDERNESS))
                        .withTimestampAssigner((point, previous) -> point.ts)
                        .withIdleness(config.get(DiscoveryOptions.SOURCE_IDLENESS)))
                .keyBy(point -> point.series)
                .window(TumblingEventTimeWindows.of(config.get(DiscoveryOptions.WINDOW_SIZE)))
                .aggregate(new SeriesStatsAggregate(), new SeriesStatsAggregate.ToStats())
                .sinkTo(new CountingSink<>());

        long cpuBefore = benchCpuNanos();
        JobExecutionResult result = runWithLimit(env, "discovery-bench-" + label, limit);
        long cpuMs = (benchCpuNanos() - cpuBefore) / 1_000_000;
        if (result == null) {
            System.out.printf("part=%s timed_out_after_s=%d stats_so_far=%d%n", label,
                    limit.toSeconds(), SUNK.get());
            return;
        }
        long expectedStats = (long) seriesCount * windows;
        if (SUNK.get() != expectedStats) {
            throw new IllegalStateException(label + " produced " + SUNK.get()
                    + " window statistics, expected " + expectedStats + ", so points were"
                    + " dropped as late or invalid. Check pointJson against the window size.");
        }
        double ms = measuredMillis();
        System.out.printf("part=%s points=%d stats=%d ms=%.0f job_ms=%d bench_cpu_ms=%d"
                        + " points_per_s=%.0f ms_per_window=%.0f%n", label, points, SUNK.get(),
                ms, result.getNetRuntime(TimeUnit.MILLISECONDS), cpuMs, points * 1000.0 / ms,
                ms / windows);
    }

    /**
     * Writes two windows of statistics for {@code seriesCount} series through the registry
     * writer: the first registers every series, the second moves every {@code lastSeen} on.
     */
    private static void measureRegistry(int seriesCount, Duration limit) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            System.out.printf("mongo pid=%d uri=%s%n", mongo.pid(), mongo.connectionString());
            KpiConfigRepository repository =
                    new KpiConfigRepository(client.getDatabase(DATABASE));
            String[] labels = {"registry-insert", "registry-update"};
            for (int window = 0; window < labels.length; window++) {
                StreamExecutionEnvironment env =
                        StreamExecutionEnvironment.getExecutionEnvironment();
                env.getConfig().disableGenericTypes();
                registryPipeline(env, mongo.connectionString(), seriesCount, window);

                long cpuBefore = benchCpuNanos();
                long mongoCpuBefore = processCpuNanos(mongo.pid());
                JobExecutionResult result = runWithLimit(env, "discovery-bench-" + labels[window],
                        limit);
                long cpuMs = (benchCpuNanos() - cpuBefore) / 1_000_000;
                long mongoCpuMs = (processCpuNanos(mongo.pid()) - mongoCpuBefore) / 1_000_000;
                long registered = repository.count(KpiConfigQuery.all());
                if (result == null) {
                    System.out.printf("part=%s timed_out_after_s=%d registered_so_far=%d%n",
                            labels[window], limit.toSeconds(), registered);
                    return;
                }
                checkRegistry(repository, seriesCount, registered, window);
                double ms = measuredMillis();
                System.out.printf("part=%s series=%d ms=%.0f job_ms=%d bench_cpu_ms=%d"
                                + " mongo_cpu_ms=%d series_per_s=%.0f registered=%d events=%d%n",
                        labels[window], seriesCount, ms,
                        result.getNetRuntime(TimeUnit.MILLISECONDS), cpuMs, mongoCpuMs,
                        seriesCount * 1000.0 / ms, registered, SUNK.get());
            }
        }
    }

    private static void registryPipeline(StreamExecutionEnvironment env, String mongoUri,
            int seriesCount, int window) {
        long windowStart = T0 + window * WINDOW_MS;
        GeneratorFunction<Long, SeriesWindowStats> generator = index -> {
            FIRST_ELEMENT_NANOS.compareAndSet(0, System.nanoTime());
            return windowStats(index, windowStart);
        };
        WatermarkStrategy<SeriesWindowStats> windowEnds = WatermarkStrategy
                .<SeriesWindowStats>forMonotonousTimestamps()
                .withTimestampAssigner((stats, previous) -> stats.windowEnd - 1);
        RegistrySyncFunction registrySync = new RegistrySyncFunction(mongoUri, DATABASE,
                DiscoveryOptions.MISSED_INTERVALS.defaultValue(),
                DiscoveryOptions.DEFAULT_INTERVAL.defaultValue().toMillis(),
                DiscoveryOptions.WRITE_BATCH_SIZE.defaultValue());

        // Parallelism 1 throughout, like the registry writer in the job.
        env.setParallelism(1);
        env.fromSource(new DataGeneratorSource<>(generator, seriesCount,
                                TypeInformation.of(SeriesWindowStats.class)),
                        windowEnds, "window-stats")
                .keyBy(ignored -> 0)
                .process(registrySync)
                .map(KpiEvent::toJson)
                .sinkTo(new CountingSink<>());
    }

    /** Fails the run when the registry does not contain what the window wrote. */
    private static void checkRegistry(KpiConfigRepository repository, int seriesCount,
            long registered, int window) {
        if (registered != seriesCount) {
            throw new IllegalStateException("registry contains " + registered
                    + " series after window " + (window + 1) + ", expected " + seriesCount);
        }
        String sample = seriesName(seriesCount - 1);
        KpiConfig config = repository.find(sample).orElseThrow(() ->
                new IllegalStateException("series " + sample + " is missing from the registry"));
        long expectedLastSeen = T0 + window * WINDOW_MS + (POINTS_PER_SERIES - 1)
                * POINT_INTERVAL_MS;
        if (config.lastSeen().toEpochMilli() != expectedLastSeen) {
            throw new IllegalStateException("series " + sample + " has lastSeen "
                    + config.lastSeen() + " after window " + (window + 1) + ", expected epoch ms "
                    + expectedLastSeen);
        }
    }

    /**
     * Returns point {@code index} of the generated stream: series {@code index % seriesCount},
     * with every series' first point of a window before any series' second point.
     */
    private static String pointJson(long index, int seriesCount) {
        long series = index % seriesCount;
        long round = index / seriesCount;
        long window = round / POINTS_PER_SERIES;
        long ts = T0 + window * WINDOW_MS + (round % POINTS_PER_SERIES) * POINT_INTERVAL_MS;
        return "{\"kpi\":\"bench_kpi\",\"ts\":" + ts + ",\"value\":" + (index % 97)
                + ",\"tags\":{\"host\":\"h-" + series + "\",\"idc\":\"BJ\"}}";
    }

    /** Returns the statistics the window stage produces for series {@code index}. */
    private static SeriesWindowStats windowStats(long index, long windowStart) {
        SeriesWindowStats stats = new SeriesWindowStats();
        stats.series = seriesName(index);
        stats.windowStart = windowStart;
        stats.windowEnd = windowStart + WINDOW_MS;
        stats.count = POINTS_PER_SERIES;
        stats.min = 1;
        stats.max = 3;
        stats.mean = 2;
        stats.medianIntervalMs = POINT_INTERVAL_MS;
        stats.firstTs = windowStart;
        stats.lastTs = windowStart + (POINTS_PER_SERIES - 1) * POINT_INTERVAL_MS;
        return stats;
    }

    /** Returns the canonical key of series {@code index}, as the point parser builds it. */
    private static String seriesName(long index) {
        return "bench_kpi{host=h-" + index + ",idc=BJ}";
    }

    /** Returns the CPU time of this JVM, all threads, in nanoseconds. */
    private static long benchCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Returns the CPU time of process {@code pid}, or -1 where the system does not report it. */
    private static long processCpuNanos(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(-1L);
    }

    /** Returns the time from the first generated element to the end of input at the sinks. */
    private static double measuredMillis() {
        return (SINK_DONE_NANOS.get() - FIRST_ELEMENT_NANOS.get()) / 1e6;
    }

    /** Runs the job and returns its result, or cancels it and returns null after the limit. */
    private static JobExecutionResult runWithLimit(StreamExecutionEnvironment env, String name,
            Duration limit) throws Exception {
        SUNK.set(0);
        FIRST_ELEMENT_NANOS.set(0);
        SINK_DONE_NANOS.set(0);
        JobClient job = env.executeAsync(name);
        try {
            return job.getJobExecutionResult().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            job.cancel().get(1, TimeUnit.MINUTES);
            return null;
        }
    }

    private static int positiveArgument(String[] args, int position, String name,
            int defaultValue) {
        if (args.length <= position) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(args[position]);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the same message as a non-positive number.
        }
        throw new IllegalArgumentException("invalid " + name + " '" + args[position]
                + "': use a whole number of 1 or more");
    }

    private static void printLoad(String when) {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        System.out.printf("load_average_1min_%s=%.2f%n", when, load);
    }

    /** Counts elements in {@link #SUNK}, drops them, and records when it finished. */
    private static final class CountingSink<T> implements Sink<T> {

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    SUNK.incrementAndGet();
                    SINK_DONE_NANOS.accumulateAndGet(System.nanoTime(), Math::max);
                }

                @Override
                public void flush(boolean endOfInput) {
                    if (endOfInput) {
                        SINK_DONE_NANOS.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        @Deprecated
        @Override
        public SinkWriter<T> createWriter(InitContext context) {
            throw new UnsupportedOperationException("use createWriter(WriterInitContext)");
        }
    }
}
