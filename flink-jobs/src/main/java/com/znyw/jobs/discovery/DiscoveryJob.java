package com.znyw.jobs.discovery;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * KPI auto-discovery: registers series that have no configuration yet, and marks series that
 * stopped reporting as {@code SILENT} (and {@code ACTIVE} again when they return), with a
 * {@code series-silent} or {@code series-resumed} event on {@code kpi-events}.
 *
 * <p>Pipeline: JSON points from {@code kpi-points} with bounded out-of-orderness watermarks,
 * parsed (invalid records to a side output), keyed by series into tumbling event-time windows
 * that compute count, min, max, mean and median interval, then one registry writer
 * ({@link RegistrySyncFunction}) that upserts observations into {@code kpi_configs} and emits
 * the state-change events.
 *
 * <p>This is a job of its own rather than a branch of the detection topology, because:
 * its state and cadence differ (one window of statistics per minute against per-point models);
 * its MongoDB writes must never back-pressure scoring; and it can be stopped, upgraded or
 * replayed from an earlier Kafka offset without touching detection state. Both jobs read the
 * same topic with their own consumer groups.
 *
 * <p>Registry writes are idempotent upserts keyed by the canonical series key, and state
 * changes are conditional updates, so a replay or a restart without a checkpoint registers no
 * series twice and repeats no state change.
 *
 * <p>NOTE: silence is decided when a window closes, which needs points of some series to move
 * the watermark. If every series stops at once, no window closes and no silence is reported
 * until points arrive again.
 */
public class DiscoveryJob {

    private final Source<String, ?, ?> pointsSource;
    private final Sink<String> eventsSink;
    private final Sink<String> invalidPointsSink;
    private final Configuration config;

    /**
     * @param pointsSource JSON KPI points
     * @param eventsSink receives the JSON state-change events
     * @param invalidPointsSink receives {@code reason<TAB>record} for every unparsable point,
     *     or null to drop them after counting
     */
    public DiscoveryJob(Source<String, ?, ?> pointsSource, Sink<String> eventsSink,
            Sink<String> invalidPointsSink, Configuration config) {
        this.pointsSource = pointsSource;
        this.eventsSink = eventsSink;
        this.invalidPointsSink = invalidPointsSink;
        this.config = config;
    }

    /** Runs the job against the Kafka topics and MongoDB named by the configuration. */
    public static void main(String[] args) throws Exception {
        Configuration config = Configuration.fromMap(
                org.apache.flink.api.java.utils.ParameterTool.fromArgs(args).toMap());
        new DiscoveryJob(kafkaSource(config, false), kafkaEventsSink(config), null, config)
                .execute(StreamExecutionEnvironment.getExecutionEnvironment(config));
    }

    /**
     * Creates the Kafka source of {@link DiscoveryOptions#POINTS_TOPIC}, starting at the
     * committed offsets (earliest for a new group); {@code bounded} stops at the latest offsets
     * seen at start, for replays and tests.
     */
    public static KafkaSource<String> kafkaSource(Configuration config, boolean bounded) {
        var builder = KafkaSource.<String>builder()
                .setBootstrapServers(config.get(DiscoveryOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(config.get(DiscoveryOptions.POINTS_TOPIC))
                .setGroupId(config.get(DiscoveryOptions.CONSUMER_GROUP))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new SimpleStringSchema());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Creates the at-least-once Kafka sink of {@link DiscoveryOptions#EVENTS_TOPIC}. */
    public static KafkaSink<String> kafkaEventsSink(Configuration config) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(config.get(DiscoveryOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                        .setTopic(config.get(DiscoveryOptions.EVENTS_TOPIC))
                        .setValueSerializationSchema(new SimpleStringSchema())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** Adds the pipeline to {@code env} and returns the event stream before its sink. */
    public DataStream<KpiEvent> build(StreamExecutionEnvironment env) {
        env.getConfig().disableGenericTypes();
        Duration windowSize = config.get(DiscoveryOptions.WINDOW_SIZE);

        WatermarkStrategy<String> noWatermarks = WatermarkStrategy.noWatermarks();
        SingleOutputStreamOperator<SeriesPoint> points = env
                .fromSource(pointsSource, noWatermarks, "kpi-points")
                .process(new PointParser()).name("parse-points").uid("discovery-parse-points");
        if (invalidPointsSink != null) {
            points.getSideOutput(PointParser.INVALID).sinkTo(invalidPointsSink)
                    .name("invalid-points").uid("discovery-invalid-points");
        }

        DataStream<SeriesWindowStats> stats = points
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<SeriesPoint>forBoundedOutOfOrderness(
                                config.get(DiscoveryOptions.MAX_OUT_OF_ORDERNESS))
                        .withTimestampAssigner((point, previous) -> point.ts)
                        .withIdleness(config.get(DiscoveryOptions.SOURCE_IDLENESS)))
                .name("event-time").uid("discovery-event-time")
                .keyBy(point -> point.series)
                .window(TumblingEventTimeWindows.of(windowSize))
                .aggregate(new SeriesStatsAggregate(), new SeriesStatsAggregate.ToStats())
                .name("series-window-stats").uid("discovery-window-stats");

        RegistrySyncFunction registrySync = new RegistrySyncFunction(
                config.get(DiscoveryOptions.MONGO_URI),
                config.get(DiscoveryOptions.MONGO_DATABASE),
                config.get(DiscoveryOptions.MISSED_INTERVALS),
                config.get(DiscoveryOptions.DEFAULT_INTERVAL).toMillis(),
                config.get(DiscoveryOptions.WRITE_BATCH_SIZE));
        return stats
                .keyBy(ignored -> 0)
                .process(registrySync).name("registry-sync").uid("discovery-registry-sync")
                .setParallelism(1).setMaxParallelism(1);
    }

    /** Builds the pipeline with the events sink and runs it until the source ends. */
    public void execute(StreamExecutionEnvironment env) throws Exception {
        build(env)
                .map(KpiEvent::toJson).name("event-json").uid("discovery-event-json")
                .setParallelism(1)
                .sinkTo(eventsSink).name("kpi-events").uid("discovery-kpi-events")
                .setParallelism(1);
        env.execute("znyw-discovery");
    }
}
