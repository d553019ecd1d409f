package com.znyw.jobs.detection;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every setting of the detection job, with its default and meaning. Read them from a Flink
 * {@link org.apache.flink.configuration.Configuration}: command-line arguments of the form
 * {@code --key value} are loaded into one by {@link DetectionJob#main(String[])}. Keys shared
 * with other jobs, such as {@code znyw.kafka.bootstrap-servers}, have the same name there, so one
 * configuration serves all jobs.
 */
public final class DetectionOptions {

    private DetectionOptions() {
    }

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
            ConfigOptions.key("znyw.kafka.bootstrap-servers").stringType().defaultValue("127.0.0.1:9092")
                    .withDescription("Kafka bootstrap servers, host:port[,host:port...].");

    public static final ConfigOption<String> POINTS_TOPIC =
            ConfigOptions.key("znyw.detection.points-topic").stringType().defaultValue("kpi-points")
                    .withDescription("Topic with the KPI points, one JSON point per record.");

    public static final ConfigOption<String> ANOMALIES_TOPIC =
            ConfigOptions.key("znyw.detection.anomalies-topic").stringType().defaultValue("anomalies")
                    .withDescription("Topic that receives the anomalous scored points as JSON.");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("znyw.detection.dead-letter-topic").stringType()
                    .defaultValue("kpi-points-dlq")
                    .withDescription("Topic that receives rejected and late records with the reason.");

    public static final ConfigOption<String> CONSUMER_GROUP =
            ConfigOptions.key("znyw.detection.consumer-group").stringType().defaultValue("znyw-detection")
                    .withDescription("Kafka consumer group of the detection job.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("znyw.detection.transactional-id-prefix").stringType()
                    .defaultValue("znyw-detection")
                    .withDescription("Prefix of the Kafka transactional ids of the exactly-once "
                            + "sinks; must be unique per job on a cluster.");

    public static final ConfigOption<String> STORE_URL =
            ConfigOptions.key("znyw.store.url").stringType().defaultValue("http://127.0.0.1:8086")
                    .withDescription("Base URL of the time-series store that accepts InfluxDB v2 "
                            + "line-protocol writes (InfluxDB 2.x/3.x, QuestDB's HTTP port).");

    public static final ConfigOption<String> STORE_TOKEN =
            ConfigOptions.key("znyw.store.token").stringType().defaultValue("")
                    .withDescription("API token for the store; empty for none. Never logged.");

    public static final ConfigOption<String> STORE_ORG =
            ConfigOptions.key("znyw.store.org").stringType().defaultValue("znyw")
                    .withDescription("InfluxDB organization (ignored by QuestDB).");

    public static final ConfigOption<String> STORE_BUCKET =
            ConfigOptions.key("znyw.store.bucket").stringType().defaultValue("znyw")
                    .withDescription("InfluxDB bucket (ignored by QuestDB).");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOptions.key("znyw.detection.out-of-orderness").durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Bound of event-time disorder the watermarks allow for.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            ConfigOptions.key("znyw.detection.allowed-lateness").durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription("Points this much behind the watermark are still scored if "
                            + "their series has not moved past them; older ones go to the "
                            + "dead-letter topic as late and are counted.");

    public static final ConfigOption<Duration> MAX_BUFFER_DELAY =
            ConfigOptions.key("znyw.detection.max-buffer-delay").durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription("Longest processing time a point waits for the watermark "
                            + "before it is scored anyway, so that an idle stream still "
                            + "produces results.");

    public static final ConfigOption<Duration> SOURCE_IDLENESS =
            ConfigOptions.key("znyw.detection.source-idleness").durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("A Kafka partition without records for this long stops "
                            + "holding the watermark back.");

    public static final ConfigOption<Double> SENSITIVITY =
            ConfigOptions.key("znyw.detection.sensitivity").doubleType().defaultValue(5.0)
                    .withDescription("Default detector sensitivity 0..10 for series without a "
                            + "configuration of their own.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("znyw.detection.checkpoint-interval").durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Interval of exactly-once checkpoints. Anomalies become "
                            + "visible to read-committed consumers at each checkpoint.");

    public static final ConfigOption<Integer> STORE_MAX_BATCH_SIZE =
            ConfigOptions.key("znyw.store.max-batch-size").intType().defaultValue(5000)
                    // 5000 is the batch size the InfluxDB 2.x write guide calls optimal. Against
                    // the embedded QuestDB it also took less store CPU per row than 2000.
                    .withDescription("Lines per write request to the time-series store.");

    public static final ConfigOption<Integer> STORE_MAX_IN_FLIGHT =
            ConfigOptions.key("znyw.store.max-in-flight-requests").intType().defaultValue(4)
                    .withDescription("Concurrent write requests per sink subtask; more wait, "
                            + "which back-pressures the job.");

    public static final ConfigOption<Integer> STORE_MAX_BUFFERED =
            ConfigOptions.key("znyw.store.max-buffered-lines").intType().defaultValue(50000)
                    // Ten full batches, so that the in-flight requests do not drain the buffer.
                    .withDescription("Lines buffered per sink subtask before back-pressure.");

    public static final ConfigOption<Duration> STORE_MAX_TIME_IN_BUFFER =
            ConfigOptions.key("znyw.store.max-time-in-buffer").durationType()
                    .defaultValue(Duration.ofMillis(500))
                    .withDescription("Longest time a line waits in the buffer before a write.");
}
