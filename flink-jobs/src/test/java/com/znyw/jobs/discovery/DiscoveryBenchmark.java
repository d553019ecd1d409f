package com.znyw.jobs.discovery;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.znyw.core.kpi.KpiConfigQuery;
import com.znyw.core.kpi.KpiConfigRepository;
import com.znyw.embedded.EmbeddedMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Measures the discovery job with many distinct series in one window: a local MiniCluster reads
 * generated points (3 per series, 20 s apart, all in one 1-minute window) and writes to
 * mongo-java-server in its own JVM. Run 1 registers every series, run 2 replays the same points
 * against the filled registry. Prints wall-clock times and throughput.
 *
 * <p>Run: {@code ./mvnw -B -pl flink-jobs test-compile} then
 * {@code java -cp flink-jobs/target/test-classes:flink-jobs/target/classes:$(cat
 * flink-jobs/target/test-classpath.txt) com.znyw.jobs.discovery.DiscoveryBenchmark [series]}.
 */
public final class DiscoveryBenchmark {

    private static final long T0 = 1_733_299_980_000L;
    private static final int POINTS_PER_SERIES = 3;

    private DiscoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (EmbeddedMongo mongo = EmbeddedMongo.start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Configuration config = new Configuration();
            config.set(DiscoveryOptions.MONGO_URI, mongo.connectionString());
            config.set(DiscoveryOptions.MONGO_DATABASE, "discovery_bench");
            config.set(DiscoveryOptions.WINDOW_SIZE, Duration.ofMinutes(1));
            KpiConfigRepository repository =
                    new KpiConfigRepository(client.getDatabase("discovery_bench"));

            System.out.printf("series=%d points=%d parallelism=2 cores=%d%n", seriesCount,
                    (long) seriesCount * POINTS_PER_SERIES,
                    Runtime.getRuntime().availableProcessors());
            for (String run : List.of("register", "replay")) {
                long start = System.nanoTime();
                runJob(config, seriesCount);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("run=%s seconds=%.1f series_per_s=%.0f points_per_s=%.0f"
                                + " registered=%d%n", run, seconds, seriesCount / seconds,
                        seriesCount * POINTS_PER_SERIES / seconds,
                        repository.count(KpiConfigQuery.all()));
            }
        }
    }

    private static void runJob(Configuration config, int seriesCount) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        long points = (long) seriesCount * POINTS_PER_SERIES;
        GeneratorFunction<Long, String> generator = index -> {
            long series = index % seriesCount;
            long ts = T0 + (index / seriesCount) * 20_000;
            return "{\"kpi\":\"bench_kpi\",\"ts\":" + ts + ",\"value\":" + (index % 97)
                    + ",\"tags\":{\"host\":\"h-" + series + "\",\"idc\":\"BJ\"}}";
        };
        new DiscoveryJob(new DataGeneratorSource<>(generator, points, Types.STRING),
                new DiscardingSink(), null, config).execute(env);
    }

    /** Drops events; the benchmark expects none. */
    private static final class DiscardingSink implements Sink<String> {

        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                private final List<String> unexpected = new ArrayList<>();

                @Override
                public void write(String element, Context context) {
                    unexpected.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {
                    if (!unexpected.isEmpty()) {
                        System.out.println("unexpected events: " + unexpected.size());
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        @Deprecated
        @Override
        public SinkWriter<String> createWriter(InitContext context) {
            throw new UnsupportedOperationException("use createWriter(WriterInitContext)");
        }
    }
}
