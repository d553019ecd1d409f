package com.znyw.jobs.bench;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.core.tsdb.QuestDbScoreRepository;
import com.znyw.embedded.EmbeddedKafka;
import com.znyw.embedded.EmbeddedQuestDb;
import com.znyw.jobs.detection.DetectionJob;
import com.znyw.jobs.detection.DetectionOptions;
import com.znyw.jobs.detection.FlinkTypes;
import com.znyw.jobs.detection.IngestedRecord;
import com.znyw.jobs.detection.KpiRecordDeserializer;
import com.znyw.jobs.sink.LineProtocolSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the detection pipeline from JSON in Kafka to rows in QuestDB, next to a bare
 * {@code keyBy} + {@code ValueState} pass-through on the same input, and prints points/s for each
 * and their ratio.
 *
 * <p>It starts its own Kafka broker and QuestDB on 127.0.0.1 (each in its own JVM, free ports,
 * temporary folders), pre-loads one topic with {@code --points} JSON points spread round-robin
 * over {@code --series} series (one partition per unit of parallelism, keyed by series), then runs
 * each job {@code --rounds} times on a local MiniCluster. Both jobs read the topic with the same
 * bounded Kafka source and {@link KpiRecordDeserializer}, the same watermarks and the same
 * checkpoint settings, and end when the source has read every point:
 * <ul>
 *   <li>pass-through: keyBy series, a keyed function that counts points in a {@code ValueState},
 *       a discarding sink. With {@code --pass-through-sink store} the function passes each point
 *       on unscored (the value as expected value and band, score 0) to the pipeline's
 *       {@link LineProtocolSink}, so both jobs pay for the store and the ratio shows what
 *       detection costs;</li>
 *   <li>pipeline: {@link DetectionJob}'s topology with the production {@link LineProtocolSink} to
 *       QuestDB's HTTP port and exactly-once Kafka sinks for anomalies and dead letters. Its time
 *       ends when the job has finished, which is after every batch was accepted by QuestDB.
 *       Each round starts with an empty {@code kpi_score} table, so QuestDB appends rows as in
 *       production, and ends, outside the timed part, with a check that QuestDB shows every
 *       point as a row.</li>
 * </ul>
 * Times are wall-clock from job submission, so they include the job's start of about 1 s.
 *
 * <p>Run: {@code ./mvnw -B -pl flink-jobs test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test} then
 * {@code mkdir -p target/bench-tmp; java -Xmx2g -Djava.io.tmpdir=target/bench-tmp -Dznyw.home=$PWD -cp flink-jobs/target/test-classes:flink-jobs/target/classes:$(cat
 * flink-jobs/target/test-classpath.txt) com.znyw.jobs.bench.PipelineBenchmark --series 1000
 * --points 200000 --parallelism 2}.
 */
public final class PipelineBenchmark {

    private static final long FIRST_TS = 1_733_000_000_000L;
    private static final long INTERVAL_MS = 60_000;
    private static final Duration ROWS_TIMEOUT = Duration.ofMinutes(2);

    private final BenchmarkOptions options;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String kpi = "bench_" + run;
    private final String topic = "bench-points-" + run;

    private PipelineBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchmarkOptions.USAGE);
            return;
        }
        new PipelineBenchmark(options).runAll();
        // Kafka's and Flink's non-daemon threads would keep the JVM alive.
        System.exit(0);
    }

    private void runAll() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedQuestDb questDb = EmbeddedQuestDb.start()) {
            QuestDbScoreRepository repository = new QuestDbScoreRepository(questDb.pgJdbcUrl(),
                    EmbeddedQuestDb.PG_USER, EmbeddedQuestDb.PG_PASSWORD);
            repository.createTableIfMissing();
            kafka.createTopic(topic, options.parallelism());
            kafka.createTopics(topic + "-anomalies", topic + "-dlq");

            long loadStart = System.nanoTime();
            preload(kafka);
            System.out.printf(Locale.ROOT, "preloaded points=%d series=%d partitions=%d in %.1f s%n",
                    options.points(), options.series(), options.parallelism(),
                    seconds(loadStart));
            System.out.printf(Locale.ROOT, "cores=%d max_heap_mb=%d object_reuse=%b store=%s"
                            + " store_batch_size=%d pass_through_sink=%s%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), options.objectReuse(),
                    options.store() ? "questdb" : "none", options.storeBatchSize(),
                    options.passThroughToStore() ? "store" : "discard");

            double bestPassThrough = 0;
            double bestPipeline = 0;
            for (int round = 1; round <= options.rounds(); round++) {
                double passThrough = runPassThrough(kafka, questDb, round);
                double pipeline = runPipeline(kafka, questDb, round);
                bestPassThrough = Math.max(bestPassThrough, passThrough);
                bestPipeline = Math.max(bestPipeline, pipeline);
                System.out.printf(Locale.ROOT, "round=%d pass_through_points_per_s=%.0f"
                                + " pipeline_points_per_s=%.0f ratio=%.2f%n",
                        round, passThrough, pipeline, pipeline / passThrough);
            }
            System.out.printf(Locale.ROOT, "best pass_through_points_per_s=%.0f"
                            + " pipeline_points_per_s=%.0f ratio=%.2f%n",
                    bestPassThrough, bestPipeline, bestPipeline / bestPassThrough);
        } finally {
            // The last checkpoint of each job stays on disk, about 10 MB per 1000 series.
            deleteRecursively(checkpointFolder());
        }
    }

    private Path checkpointFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "bench-checkpoints-" + run);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Writes the points as JSON, keyed by series so that each series stays in one partition. */
    private void preload(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        Random random = new Random(42);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (long index = 0; index < options.points(); index++) {
                int series = (int) (index % options.series());
                long ts = FIRST_TS + (index / options.series()) * INTERVAL_MS;
                // About one point in a thousand is a spike, so the anomaly sink has work too.
                double value = 100 + 5 * Math.sin(index / 50.0) + random.nextGaussian()
                        + (random.nextInt(1000) == 0 ? 80 : 0);
                String host = "app-" + series;
                String json = "{\"kpi\":\"" + kpi + "\",\"ts\":" + ts + ",\"value\":" + value
                        + ",\"tags\":{\"host\":\"" + host + "\",\"idc\":\"BJ\"}}";
                producer.send(new ProducerRecord<>(topic, host, json));
            }
            producer.flush();
        }
    }

    private double runPassThrough(EmbeddedKafka kafka, EmbeddedQuestDb questDb, int round)
            throws Exception {
        String roundKpiFilter = "kpi = '" + kpi + "'";
        StreamExecutionEnvironment env = environment();
        KeyedStream<IngestedRecord, String> keyed = env
                .fromSource(source(kafka, "pass-through-" + round), watermarks(), "kpi-points")
                .keyBy(record -> record.series, Types.STRING);
        if (options.passThroughToStore()) {
            emptyScoreTable(questDb);
            keyed.process(new UnscoredPassThrough(), FlinkTypes.SCORED_POINT)
                    .sinkTo(DetectionJob.storeSink(sinkConfig(kafka, questDb, round)));
        } else {
            keyed.process(new CountPerSeries(), Types.LONG).sinkTo(new DiscardingSink<>());
        }

        CpuTimes cpuBefore = CpuTimes.now();
        long start = System.nanoTime();
        JobExecutionResult result = env.execute("bench-pass-through-" + round);
        double elapsed = seconds(start);
        CpuTimes cpu = CpuTimes.now().minus(cpuBefore);
        long counted = result.getAccumulatorResult(CountPerSeries.ACCUMULATOR);
        if (counted != options.points()) {
            throw new IllegalStateException("pass-through counted " + counted + " points, expected "
                    + options.points());
        }
        String rows = "";
        if (options.passThroughToStore()) {
            rows = " rows=" + awaitRows(questDb, roundKpiFilter, options.points());
        }
        System.out.printf(Locale.ROOT, "round=%d job=pass-through points=%d seconds=%.2f %s%s%n",
                round, counted, elapsed, cpu.perPoint(counted), rows);
        return counted / elapsed;
    }

    private double runPipeline(EmbeddedKafka kafka, EmbeddedQuestDb questDb, int round)
            throws Exception {
        String roundKpiFilter = "kpi = '" + kpi + "'";
        // Every round writes the same (series, timestamp) rows. Emptying the table first makes
        // each round append, as production does, instead of rewriting rows it already has.
        emptyScoreTable(questDb);
        long rowsBefore = countRows(questDb, roundKpiFilter);
        StreamExecutionEnvironment env = environment();
        Configuration config = sinkConfig(kafka, questDb, round);
        Sink<ScoredPoint> scoreSink = options.store()
                ? DetectionJob.storeSink(config) : new DiscardingSink<>();
        DetectionJob job = new DetectionJob(source(kafka, "pipeline-" + round), null, scoreSink,
                DetectionJob.anomalySink(config), DetectionJob.deadLetterSink(config), config);

        CpuTimes cpuBefore = CpuTimes.now();
        long start = System.nanoTime();
        job.run(env, "bench-pipeline-" + round);
        double elapsed = seconds(start);
        CpuTimes cpu = CpuTimes.now().minus(cpuBefore);

        long expectedRows = options.store() ? options.points() : 0;
        long rows = awaitRows(questDb, roundKpiFilter, expectedRows);
        double visible = seconds(start);
        System.out.printf(Locale.ROOT, "round=%d job=pipeline points=%d seconds=%.2f %s"
                        + " rows_before=%d rows=%d seconds_until_rows_visible=%.2f%n",
                round, options.points(), elapsed, cpu.perPoint(options.points()), rowsBefore,
                rows, visible);
        return options.points() / elapsed;
    }

    /** Returns the settings of the production sinks, aimed at this benchmark's servers. */
    private Configuration sinkConfig(EmbeddedKafka kafka, EmbeddedQuestDb questDb, int round) {
        Configuration config = new Configuration();
        config.set(DetectionOptions.STORE_MAX_BATCH_SIZE, options.storeBatchSize());
        // The buffer must hold a few batches, or the sink waits for every single request.
        config.set(DetectionOptions.STORE_MAX_BUFFERED, Math.max(
                config.get(DetectionOptions.STORE_MAX_BUFFERED), 10 * options.storeBatchSize()));
        config.set(DetectionOptions.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        config.set(DetectionOptions.TRANSACTIONAL_ID_PREFIX, "bench-" + run + "-" + round);
        config.set(DetectionOptions.ANOMALIES_TOPIC, topic + "-anomalies");
        config.set(DetectionOptions.DEAD_LETTER_TOPIC, topic + "-dlq");
        config.set(DetectionOptions.STORE_URL, questDb.httpUrl());
        return config;
    }

    private StreamExecutionEnvironment environment() {
        Configuration flinkConfig = new Configuration();
        flinkConfig.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig);
        env.setParallelism(options.parallelism());
        if (options.objectReuse()) {
            env.getConfig().enableObjectReuse();
        }
        // Both jobs run with the production checkpoint interval and exactly-once mode.
        DetectionJob.configureCheckpointing(env, new Configuration());
        // The default JobManager checkpoint storage rejects state above 5 MB, which 1000
        // detectors exceed. The local cluster and the Kubernetes deployment set a checkpoint
        // folder, so they write files too.
        env.getCheckpointConfig().setCheckpointStorage(checkpointFolder().toUri());
        return env;
    }

    private KafkaSource<IngestedRecord> source(EmbeddedKafka kafka, String groupId) {
        return KafkaSource.<IngestedRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId("bench-" + run + "-" + groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new KpiRecordDeserializer())
                .build();
    }

    /** Returns the detection job's watermark strategy, so both jobs do the same work per record. */
    private static WatermarkStrategy<IngestedRecord> watermarks() {
        Configuration defaults = new Configuration();
        return WatermarkStrategy
                .<IngestedRecord>forBoundedOutOfOrderness(
                        defaults.get(DetectionOptions.OUT_OF_ORDERNESS))
                .withTimestampAssigner((record, kafkaTs) ->
                        record.isValid() ? record.ts : Long.MIN_VALUE)
                .withIdleness(defaults.get(DetectionOptions.SOURCE_IDLENESS));
    }

    private long awaitRows(EmbeddedQuestDb questDb, String filter, long expected)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + ROWS_TIMEOUT.toNanos();
        long rows = countRows(questDb, filter);
        while (rows < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("QuestDB shows " + rows + " of " + expected
                        + " rows of " + kpi + " after " + ROWS_TIMEOUT.toSeconds()
                        + " s: the pipeline lost points, or QuestDB applies its WAL too slowly");
            }
            Thread.sleep(100);
            rows = countRows(questDb, filter);
        }
        return rows;
    }

    /** Truncates {@code kpi_score} and waits until QuestDB shows it empty. */
    private void emptyScoreTable(EmbeddedQuestDb questDb) throws SQLException, InterruptedException {
        try (Connection connection = DriverManager.getConnection(questDb.pgJdbcUrl(),
                EmbeddedQuestDb.PG_USER, EmbeddedQuestDb.PG_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE TABLE kpi_score");
        }
        long deadline = System.nanoTime() + ROWS_TIMEOUT.toNanos();
        long rows = countRows(questDb, "1 = 1");
        while (rows > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("QuestDB still shows " + rows + " rows in kpi_score "
                        + ROWS_TIMEOUT.toSeconds() + " s after TRUNCATE TABLE");
            }
            Thread.sleep(50);
            rows = countRows(questDb, "1 = 1");
        }
    }

    private static long countRows(EmbeddedQuestDb questDb, String filter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(questDb.pgJdbcUrl(),
                EmbeddedQuestDb.PG_USER, EmbeddedQuestDb.PG_PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count() FROM kpi_score WHERE " + filter)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * CPU time used so far by this JVM and by its child processes, which are the Kafka broker and
     * QuestDB once the topics exist. On a machine shared with other work, CPU time per point varies less than wall-clock
     * throughput does.
     */
    record CpuTimes(Duration benchmark, Duration kafka, Duration questDb) {

        static CpuTimes now() {
            Duration kafka = Duration.ZERO;
            Duration questDb = Duration.ZERO;
            for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
                Duration cpu = child.info().totalCpuDuration().orElse(Duration.ZERO);
                // Linux cuts a long command line short, and the broker's class path is long, so
                // the broker is recognised as the child that is not QuestDB.
                String command = String.join(" ", child.info().arguments().orElse(new String[0]));
                if (command.contains("QuestDbServerMain")) {
                    questDb = questDb.plus(cpu);
                } else {
                    kafka = kafka.plus(cpu);
                }
            }
            Duration self = ProcessHandle.current().info().totalCpuDuration()
                    .orElse(Duration.ZERO);
            return new CpuTimes(self, kafka, questDb);
        }

        CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(benchmark.minus(earlier.benchmark), kafka.minus(earlier.kafka),
                    questDb.minus(earlier.questDb));
        }

        /** Formats the CPU microseconds per point of each process. */
        String perPoint(long points) {
            return String.format(Locale.ROOT, "cpu_us_per_point flink_jvm=%.2f kafka=%.2f"
                            + " questdb=%.2f", micros(benchmark, points), micros(kafka, points),
                    micros(questDb, points));
        }

        private static double micros(Duration cpu, long points) {
            return cpu.toNanos() / 1e3 / points;
        }
    }

    /** Counts each series' points in keyed state and all points in an accumulator. */
    static final class CountPerSeries extends KeyedProcessFunction<String, IngestedRecord, Long> {

        static final String ACCUMULATOR = "points";
        private static final long serialVersionUID = 1L;

        private transient ValueState<Long> count;
        private transient LongCounter points;

        @Override
        public void open(Configuration parameters) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
            points = getRuntimeContext().getLongCounter(ACCUMULATOR);
        }

        @Override
        public void processElement(IngestedRecord record, Context ctx, Collector<Long> out)
                throws Exception {
            Long previous = count.value();
            long next = previous == null ? 1 : previous + 1;
            count.update(next);
            points.add(1);
            out.collect(next);
        }
    }

    /**
     * Counts points like {@link CountPerSeries} and passes each on as an unscored point: the
     * value is also the expected value and both band limits, the score is 0.
     */
    static final class UnscoredPassThrough extends KeyedProcessFunction<String, IngestedRecord, ScoredPoint> {

        private static final long serialVersionUID = 1L;

        private transient ValueState<Long> count;
        private transient LongCounter points;
        private transient Map<String, SeriesKey> keys;

        @Override
        public void open(Configuration parameters) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
            points = getRuntimeContext().getLongCounter(CountPerSeries.ACCUMULATOR);
            keys = new HashMap<>();
        }

        @Override
        public void processElement(IngestedRecord record, Context ctx, Collector<ScoredPoint> out)
                throws Exception {
            Long previous = count.value();
            count.update(previous == null ? 1 : previous + 1);
            points.add(1);
            SeriesKey key = keys.computeIfAbsent(record.series, SeriesKey::parse);
            ScoredPoint point = new ScoredPoint();
            point.series = record.series;
            point.kpi = key.kpi();
            point.tags = key.tags();
            point.ts = record.ts;
            point.value = record.value;
            point.expected = record.value;
            point.lower = record.value;
            point.upper = record.value;
            point.detector = "pass_through";
            point.modelVersion = "none";
            out.collect(point);
        }
    }

    /** Command-line flags, checked on parse. */
    record BenchmarkOptions(int series, long points, int parallelism, int rounds,
                            boolean objectReuse, boolean store, int storeBatchSize,
                            boolean passThroughToStore, boolean help) {

        static final String USAGE = String.join("\n",
                "usage: PipelineBenchmark [--series N] [--points N] [--parallelism N] [--rounds N]",
                "  --series N       distinct series the points are spread over (default 1000)",
                "  --points N       points written to Kafka and read by each job (default 200000)",
                "  --parallelism N  job parallelism and Kafka partitions (default 2)",
                "  --rounds N       times each job runs, alternating (default 2)",
                "  --object-reuse B true to let chained operators pass records without a copy"
                        + " in the pass-through too; the detection job always does (default false)",
                "  --store S        questdb: the pipeline writes to QuestDB; none: it discards"
                        + " the scored points, to separate the store's cost (default questdb)",
                "  --store-batch-size N  lines per write request to QuestDB (default: the job's"
                        + " default, " + DetectionOptions.STORE_MAX_BATCH_SIZE.defaultValue() + ")",
                "  --pass-through-sink S  discard: the pass-through drops its output; store: it"
                        + " writes each point unscored to QuestDB like the pipeline"
                        + " (default discard)");

        static BenchmarkOptions parse(String[] args) {
            int series = 1000;
            long points = 200_000;
            int parallelism = 2;
            int rounds = 2;
            boolean objectReuse = false;
            boolean store = true;
            int storeBatchSize = DetectionOptions.STORE_MAX_BATCH_SIZE.defaultValue();
            boolean passThroughToStore = false;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help") || flag.equals("-h")) {
                    return new BenchmarkOptions(series, points, parallelism, rounds, objectReuse,
                            store, storeBatchSize, passThroughToStore, true);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + flag
                        + ": see the usage below");
                }
                String value = args[++i];
                switch (flag) {
                    case "--series" -> series = (int) positive(flag, value, Integer.MAX_VALUE);
                    case "--points" -> points = positive(flag, value, Long.MAX_VALUE);
                    case "--parallelism" -> parallelism = (int) positive(flag, value, 64);
                    case "--rounds" -> rounds = (int) positive(flag, value, 100);
                    case "--object-reuse" -> objectReuse = choice(flag, value, "true", "false");
                    case "--store" -> store = choice(flag, value, "questdb", "none");
                    case "--store-batch-size" ->
                            storeBatchSize = (int) positive(flag, value, 1_000_000);
                    case "--pass-through-sink" ->
                            passThroughToStore = choice(flag, value, "store", "discard");
                    default -> throw new IllegalArgumentException("unknown flag " + flag
                            + ": see the usage below");
                }
            }
            if (points < series) {
                throw new IllegalArgumentException("--points " + points + " is below --series "
                        + series + ": give every series at least one point");
            }
            if (passThroughToStore && !store) {
                throw new IllegalArgumentException("--pass-through-sink store needs --store"
                        + " questdb: give both jobs the same sink");
            }
            return new BenchmarkOptions(series, points, parallelism, rounds, objectReuse, store,
                    storeBatchSize, passThroughToStore, false);
        }

        /** Returns true for {@code yes}, false for {@code no}, and rejects anything else. */
        private static boolean choice(String flag, String value, String yes, String no) {
            if (value.equals(yes) || value.equals(no)) {
                return value.equals(yes);
            }
            throw new IllegalArgumentException("invalid " + flag + " '" + value + "': use " + yes
                    + " or " + no);
        }

        private static long positive(String flag, String value, long max) {
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid " + flag + " '" + value
                        + "': use a whole number from 1 to " + max);
            }
            if (number < 1 || number > max) {
                throw new IllegalArgumentException("invalid " + flag + " " + number
                        + ": use a whole number from 1 to " + max);
            }
            return number;
        }
    }
}
