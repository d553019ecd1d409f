package com.znyw.jobs.focus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.GlobalWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.znyw.core.csv.CsvException;
import com.znyw.core.csv.CsvTableReader;
import com.znyw.core.csv.TableLayout;
import com.znyw.core.csv.TableSchema;
import com.znyw.core.focus.FocusError;
import com.znyw.core.focus.FocusJobStore;
import com.znyw.core.focus.FocusParameters;

/**
 * The Focus batch job: reads an uploaded table, groups its rows by dimension tuple in parallel,
 * searches the attribute combinations that explain the abnormal values, and writes status,
 * progress and result to the job's document in MongoDB {@code focus_jobs}.
 *
 * <p>Arguments: {@code --job-id ID --mongo-uri URI [--database znyw]}. The document, written by
 * the console at upload, names the stored file and the analysis parameters. The pipeline:
 * <ol>
 *   <li>one task streams the file ({@link CsvLeafReader});</li>
 *   <li>rows are keyed by dimension tuple and summed (cube, records) or reduced to each leaf's
 *   latest points (leaf time series, {@link SeriesHistory}), in parallel;</li>
 *   <li>one task runs the search and stores the result ({@link FocusSearchSink}).</li>
 * </ol>
 * A header that does not fit is rejected here, before the job is submitted; a bad row is
 * rejected by the reader. Either way the job document records the reason, with the line, and the stored
 * file is kept. Runs in {@link RuntimeExecutionMode#BATCH} with Kryo disabled, no restarts.
 */
public final class FocusJob {

    private static final Logger LOG = LoggerFactory.getLogger(FocusJob.class);
    static final TypeInformation<LeafRow> LEAF_ROW = Types.POJO(LeafRow.class);

    private FocusJob() {
    }

    public static void main(String[] args) throws Exception {
        ParameterTool arguments = ParameterTool.fromArgs(args);
        String jobId = arguments.getRequired("job-id");
        String mongoUri = arguments.getRequired("mongo-uri");
        String database = arguments.get("database", "znyw");

        Optional<FocusPlan> plan;
        try (MongoClient client = MongoClients.create(mongoUri)) {
            plan = prepare(new FocusJobStore(client.getDatabase(database)), jobId, mongoUri,
                    database);
        }
        if (plan.isEmpty()) {
            return;
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                configuration());
        build(env, plan.get());
        try {
            env.execute("focus " + jobId);
        } catch (Exception e) {
            LOG.error("Focus job id={} failed in Flink", jobId, e);
            try (MongoClient client = MongoClients.create(mongoUri)) {
                new FocusJobStore(client.getDatabase(database)).fail(jobId,
                        FocusError.internal("Flink job failed: " + rootCause(e)));
            }
            throw e;
        }
    }

    /**
     * Loads the job's document and checks the file's header; marks the job RUNNING, or FAILED
     * with the reason and returns empty.
     */
    static Optional<FocusPlan> prepare(FocusJobStore store, String jobId, String mongoUri,
            String database) {
        var job = store.find(jobId);
        if (job.isEmpty()) {
            LOG.warn("Focus job id={} not found in focus_jobs; nothing to run", jobId);
            return Optional.empty();
        }
        Path file = Path.of(job.get().storedFile());
        try {
            FocusParameters parameters = FocusParameters.fromMap(job.get().parameters());
            if (!Files.isReadable(file)) {
                store.fail(jobId, FocusError.internal("Stored file " + file + " is not readable"
                        + " by the Flink job: check that the upload folder is shared"));
                return Optional.empty();
            }
            TableSchema schema;
            try (CsvTableReader reader = CsvTableReader.open(file, parameters.csv())) {
                schema = TableSchema.resolve(reader.header(), parameters.layout(),
                        parameters.roles());
                // Rejects a metric column without threshold before any row is read.
                new CsvLeafReader.RowConverter(schema, parameters);
            }
            if (!store.markRunning(jobId)) {
                LOG.warn("Focus job id={} is not queued any more; not starting it", jobId);
                return Optional.empty();
            }
            LOG.info("Starting Focus job id={} layout={} dimensions={} file={}", jobId,
                    schema.layout().apiName(), schema.dimensionNames(), file);
            return Optional.of(new FocusPlan(jobId, mongoUri, database, file.toString(),
                    Files.size(file), job.get().parameters(), schema.layout(),
                    schema.dimensionNames(), schema.isDerived()));
        } catch (CsvException e) {
            LOG.info("Focus job id={} rejected its header: {}", jobId, e.error().key());
            store.fail(jobId, FocusError.of(e));
            return Optional.empty();
        } catch (java.io.IOException e) {
            LOG.error("Focus job id={} cannot read {}", jobId, file, e);
            store.fail(jobId, FocusError.internal("Reading " + file + " failed: " + e));
            return Optional.empty();
        }
    }

    /** Adds the pipeline to the environment. */
    static void build(StreamExecutionEnvironment env, FocusPlan plan) {
        DataStream<LeafRow> rows = env.fromSequence(0, 0)
                .name("file " + Path.of(plan.storedFile).getFileName())
                .setParallelism(1)
                .flatMap(new CsvLeafReader(plan), LEAF_ROW)
                .name("read CSV")
                .setParallelism(1);

        DataStream<LeafRow> leaves;
        if (plan.layout == TableLayout.LEAF_SERIES) {
            FocusParameters parameters = FocusParameters.fromMap(plan.parameters);
            long anomalyTime = parameters.anomalyTime() != null ? parameters.anomalyTime()
                    : Long.MAX_VALUE;
            leaves = rows.keyBy(row -> row.key, Types.STRING)
                    .window(GlobalWindows.createWithEndOfStreamTrigger())
                    .aggregate(new SeriesHistory(parameters.historyPoints() + 1, anomalyTime),
                            LEAF_ROW, LEAF_ROW)
                    .name("leaf history");
        } else {
            leaves = rows.keyBy(row -> row.key, Types.STRING)
                    .reduce(LeafRow::sum)
                    .name("sum leaves");
        }

        leaves.addSink(new FocusSearchSink(plan))
                .name("search and store")
                .setParallelism(1);
    }

    /** Batch mode, no Kryo fallback and no restarts: a failed analysis is reported, not retried. */
    static Configuration configuration() {
        Configuration configuration = new Configuration();
        configuration.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return configuration;
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
