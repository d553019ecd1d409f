package com.znyw.jobs.discovery;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Settings of {@link DiscoveryJob}, all in one place. */
public final class DiscoveryOptions {

    public static final ConfigOption<Duration> WINDOW_SIZE = ConfigOptions
            .key("znyw.discovery.window-size")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("Length of the tumbling event-time window over which each series'"
                    + " count, min, max, mean and median interval are computed.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = ConfigOptions
            .key("znyw.discovery.max-out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("How far behind the newest event time a point may arrive and still"
                    + " be counted in its window.");

    public static final ConfigOption<Duration> SOURCE_IDLENESS = ConfigOptions
            .key("znyw.discovery.source-idleness")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("A Kafka partition without records for this long stops holding"
                    + " back the watermark.");

    public static final ConfigOption<Integer> MISSED_INTERVALS = ConfigOptions
            .key("znyw.discovery.missed-intervals")
            .intType()
            .defaultValue(3)
            .withDescription("A registered series with no point for this many expected"
                    + " intervals becomes SILENT.");

    public static final ConfigOption<Duration> DEFAULT_INTERVAL = ConfigOptions
            .key("znyw.discovery.default-interval")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("Expected interval registered for a new series whose interval"
                    + " could not be measured. The interval is measured within a window, or"
                    + " across windows for a series that reports less than once per window,"
                    + " so this applies only when no positive gap between points was seen.");

    public static final ConfigOption<Integer> WRITE_BATCH_SIZE = ConfigOptions
            .key("znyw.discovery.write-batch-size")
            .intType()
            .defaultValue(1000)
            .withDescription("Number of series observations sent to MongoDB in one bulk write.");

    public static final ConfigOption<String> MONGO_URI = ConfigOptions
            .key("znyw.mongo.uri")
            .stringType()
            .defaultValue("mongodb://127.0.0.1:27017")
            .withDescription("Connection string of the MongoDB that holds the KPI registry.");

    public static final ConfigOption<String> MONGO_DATABASE = ConfigOptions
            .key("znyw.mongo.database")
            .stringType()
            .defaultValue("znyw")
            .withDescription("MongoDB database of the kpi_configs collection.");

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = ConfigOptions
            .key("znyw.kafka.bootstrap-servers")
            .stringType()
            .defaultValue("127.0.0.1:9092")
            .withDescription("Kafka bootstrap servers, host:port separated by commas.");

    public static final ConfigOption<String> POINTS_TOPIC = ConfigOptions
            .key("znyw.discovery.points-topic")
            .stringType()
            .defaultValue("kpi-points")
            .withDescription("Kafka topic of KPI points in the JSON point format.");

    public static final ConfigOption<String> EVENTS_TOPIC = ConfigOptions
            .key("znyw.discovery.events-topic")
            .stringType()
            .defaultValue("kpi-events")
            .withDescription("Kafka topic that receives series-silent and series-resumed"
                    + " events as JSON.");

    public static final ConfigOption<String> CONSUMER_GROUP = ConfigOptions
            .key("znyw.discovery.consumer-group")
            .stringType()
            .defaultValue("znyw-discovery")
            .withDescription("Kafka consumer group of the discovery job.");

    private DiscoveryOptions() {
    }
}
