package com.znyw.jobs.detection;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.ScoredPointCodec;
import com.znyw.jobs.sink.LineProtocolSink;
import com.znyw.jobs.sink.StoreConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The real-time detection job: reads KPI points, scores every point with its series' model and
 * writes the results.
 *
 * <ol>
 *   <li>Source: {@code kpi-points} records, parsed in the source so that watermarks follow each
 *       Kafka partition's event time (bounded out-of-orderness, idle partitions ignored).</li>
 *   <li>Invalid records leave for the dead-letter sink with the reason.</li>
 *   <li>Points are keyed by series and scored in event-time order by {@link SeriesScorer}, which
 *       also applies the broadcast {@link SeriesSettings}. Late points leave for the dead-letter
 *       sink too, and are counted.</li>
 *   <li>Every scored point goes to the time-series sink, anomalous ones also to the anomaly
 *       sink.</li>
 * </ol>
 *
 * <p>The job enables Flink's object reuse, so chained operators pass records on without copying
 * them. That is safe because no operator here keeps a reference to a record it has received or
 * changes it after emitting it: the scorer creates a new {@code ScoredPoint} for every point, and
 * the sinks serialize each record when they receive it. An operator added to this job must keep
 * to the same rules.
 *
 * <p>Sources and sinks are injected, so tests run the same topology with bounded sources and
 * collecting sinks; {@link #main(String[])} wires Kafka and the line-protocol store.
 */
public class DetectionJob {

    /** Invalid records, already rendered as dead-letter JSON. */
    static final OutputTag<String> INVALID = new OutputTag<>("invalid-records", Types.STRING);

    private final Source<IngestedRecord, ?, ?> pointSource;
    private final Source<SeriesSettings, ?, ?> settingsSource;
    private final Sink<ScoredPoint> scoreSink;
    private final Sink<ScoredPoint> anomalySink;
    private final Sink<String> deadLetterSink;
    private final Configuration config;

    /**
     * @param settingsSource live per-series settings; null to score every series with the
     *                       configured default sensitivity
     */
    public DetectionJob(Source<IngestedRecord, ?, ?> pointSource,
                        Source<SeriesSettings, ?, ?> settingsSource,
                        Sink<ScoredPoint> scoreSink, Sink<ScoredPoint> anomalySink,
                        Sink<String> deadLetterSink, Configuration config) {
        this.pointSource = pointSource;
        this.settingsSource = settingsSource;
        this.scoreSink = scoreSink;
        this.anomalySink = anomalySink;
        this.deadLetterSink = deadLetterSink;
        this.config = config;
    }

    /** Adds the job's topology to the environment; call {@code env.execute} afterwards. */
    public void build(StreamExecutionEnvironment env) {
        env.getConfig().disableGenericTypes();
        // Saves two copies of every scored point and one of every record; see the class doc.
        env.getConfig().enableObjectReuse();

        WatermarkStrategy<IngestedRecord> watermarks = WatermarkStrategy
                .<IngestedRecord>forBoundedOutOfOrderness(config.get(DetectionOptions.OUT_OF_ORDERNESS))
                // Rejected records carry no event time, so they must not move the watermark.
                .withTimestampAssigner((record, kafkaTs) -> record.isValid() ? record.ts : Long.MIN_VALUE)
                .withIdleness(config.get(DetectionOptions.SOURCE_IDLENESS));
        DataStream<IngestedRecord> records = env.fromSource(pointSource, watermarks, "kpi-points")
                .uid("kpi-points-source");

        SingleOutputStreamOperator<IngestedRecord> points = records
                .process(new SplitInvalid(), FlinkTypes.INGESTED_RECORD)
                .uid("split-invalid").name("validate");

        BroadcastStream<SeriesSettings> settings = settingsStream(env).broadcast(SeriesScorer.SETTINGS);
        SingleOutputStreamOperator<ScoredPoint> scored = points
                .keyBy(record -> record.series, Types.STRING)
                .connect(settings)
                .process(new SeriesScorer(config.get(DetectionOptions.SENSITIVITY),
                                config.get(DetectionOptions.ALLOWED_LATENESS).toMillis(),
                                config.get(DetectionOptions.MAX_BUFFER_DELAY).toMillis()),
                        FlinkTypes.SCORED_POINT)
                .uid("score-series").name("score");

        scored.sinkTo(scoreSink).uid("kpi-score-sink").name("kpi_score");
        scored.filter(point -> point.anomaly).uid("anomalies-only").name("anomalies only")
                .sinkTo(anomalySink).uid("anomaly-sink").name("anomalies");

        DataStream<String> late = scored.getSideOutput(SeriesScorer.LATE)
                .map(DetectionJob::lateToDeadLetter, Types.STRING).uid("late-to-dead-letter");
        points.getSideOutput(INVALID).union(late)
                .sinkTo(deadLetterSink).uid("dead-letter-sink").name("dead letters");
    }

    private DataStream<SeriesSettings> settingsStream(StreamExecutionEnvironment env) {
        if (settingsSource == null) {
            return env.fromCollection(List.of(), FlinkTypes.SERIES_SETTINGS).uid("no-settings");
        }
        // Settings have no event time. Marking their input idle keeps it out of the connected
        // operator's watermark, which then follows the points alone. A maximum watermark would
        // instead become the operator's watermark whenever the points input is idle.
        WatermarkStrategy<SeriesSettings> noHoldBack =
                WatermarkStrategy.forGenerator(context -> new IdleInput());
        return env.fromSource(settingsSource, noHoldBack, "kpi-settings").uid("kpi-settings-source");
    }

    /** Marks its input idle at every periodic emit, for a stream without event time. */
    static final class IdleInput implements WatermarkGenerator<SeriesSettings> {

        @Override
        public void onEvent(SeriesSettings event, long ts, WatermarkOutput output) {
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    static String lateToDeadLetter(IngestedRecord point) {
        String reason = "late point of series " + point.series + " at " + point.ts + ": "
                + (point.error == null ? "too late to score" : point.error);
        String record = "{\"series\":\"" + point.series.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"ts\":" + point.ts + ",\"value\":" + point.value + "}";
        return DeadLetter.format("late", reason, record, System.currentTimeMillis());
    }

    /** Sends valid points on and rejected records to the {@link #INVALID} side output. */
    static final class SplitInvalid extends ProcessFunction<IngestedRecord, IngestedRecord> {

        private static final long serialVersionUID = 1L;
        private transient org.apache.flink.metrics.Counter invalidRecords;

        @Override
        public void open(Configuration parameters) {
            invalidRecords = getRuntimeContext().getMetricGroup().counter("invalidRecords");
        }

        @Override
        public void processElement(IngestedRecord record, Context ctx, Collector<IngestedRecord> out) {
            if (record.isValid()) {
                out.collect(record);
                return;
            }
            invalidRecords.inc();
            ctx.output(INVALID, DeadLetter.format("invalid", record.error, record.raw,
                    System.currentTimeMillis()));
        }
    }

    /** Builds the production job from {@code --key value} arguments and runs it. */
    public static void main(String[] args) throws Exception {
        Configuration config = ParameterTool.fromArgs(args).getConfiguration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        configureCheckpointing(env, config);
        fromConfig(config).build(env);
        env.execute("znyw-detection");
    }

    /** Enables exactly-once checkpoints at the configured interval. */
    public static void configureCheckpointing(StreamExecutionEnvironment env, Configuration config) {
        env.enableCheckpointing(config.get(DetectionOptions.CHECKPOINT_INTERVAL).toMillis(),
                CheckpointingMode.EXACTLY_ONCE);
        env.getConfig().disableGenericTypes();
        config.set(PipelineOptions.GENERIC_TYPES, false);
    }

    /** Creates the job with the Kafka source and sinks and the line-protocol store sink. */
    public static DetectionJob fromConfig(Configuration config) {
        return fromConfig(config, null);
    }

    /** Same as {@link #fromConfig(Configuration)} with a live settings source. */
    public static DetectionJob fromConfig(Configuration config,
                                          Source<SeriesSettings, ?, ?> settingsSource) {
        String brokers = config.get(DetectionOptions.KAFKA_BOOTSTRAP_SERVERS);
        KafkaSource<IngestedRecord> source = KafkaSource.<IngestedRecord>builder()
                .setBootstrapServers(brokers)
                .setTopics(config.get(DetectionOptions.POINTS_TOPIC))
                .setGroupId(config.get(DetectionOptions.CONSUMER_GROUP))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KpiRecordDeserializer())
                .build();

        return new DetectionJob(source, settingsSource, storeSink(config), anomalySink(config),
                deadLetterSink(config), config);
    }

    /** Creates the line-protocol sink of {@code kpi_score} to the store the options name. */
    public static LineProtocolSink storeSink(Configuration config) {
        StoreConnection store = new StoreConnection(config.get(DetectionOptions.STORE_URL),
                config.get(DetectionOptions.STORE_TOKEN), config.get(DetectionOptions.STORE_ORG),
                config.get(DetectionOptions.STORE_BUCKET));
        return new LineProtocolSink(store,
                config.get(DetectionOptions.STORE_MAX_BATCH_SIZE),
                config.get(DetectionOptions.STORE_MAX_IN_FLIGHT),
                config.get(DetectionOptions.STORE_MAX_BUFFERED),
                config.get(DetectionOptions.STORE_MAX_TIME_IN_BUFFER).toMillis());
    }

    /** Creates the exactly-once sink of anomalies, as JSON keyed by series. */
    public static KafkaSink<ScoredPoint> anomalySink(Configuration config) {
        return exactlyOnceSink(config, "-anomalies",
                new AnomalySerializer(config.get(DetectionOptions.ANOMALIES_TOPIC)));
    }

    /** Creates the exactly-once sink of dead letters, one reason and record per message. */
    public static KafkaSink<String> deadLetterSink(Configuration config) {
        return exactlyOnceSink(config, "-dead-letters",
                KafkaRecordSerializationSchema.<String>builder()
                        .setTopic(config.get(DetectionOptions.DEAD_LETTER_TOPIC))
                        .setValueSerializationSchema(new SimpleStringSchema())
                        .build());
    }

    private static <T> KafkaSink<T> exactlyOnceSink(Configuration config, String transactionalIdSuffix,
                                                   KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(DetectionOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        config.get(DetectionOptions.TRANSACTIONAL_ID_PREFIX) + transactionalIdSuffix)
                // Must stay below the broker's transaction.max.timeout.ms (15 minutes by default).
                .setProperty("transaction.timeout.ms", String.valueOf(Duration.ofMinutes(10).toMillis()))
                .build();
    }

    /** Writes an anomaly as JSON, keyed by its series so that one series stays in order. */
    static final class AnomalySerializer implements KafkaRecordSerializationSchema<ScoredPoint> {

        private static final long serialVersionUID = 1L;
        private static final ScoredPointCodec CODEC = new ScoredPointCodec();
        private final String topic;

        AnomalySerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(ScoredPoint point, KafkaSinkContext context,
                                                        Long timestamp) {
            return new ProducerRecord<>(topic, null, point.ts,
                    point.series.getBytes(StandardCharsets.UTF_8),
                    CODEC.format(point).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Runs the job and waits for it, for bounded inputs in tests and benchmarks. */
    public JobExecutionResult run(StreamExecutionEnvironment env, String name) throws Exception {
        build(env);
        return env.execute(name);
    }
}
