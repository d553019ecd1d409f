package com.znyw.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServicesExtension.class)
class EmbeddedKafkaTest {

    @Test
    void brokerListensOnLoopback(EmbeddedKafka kafka) {
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
        assertThat(kafka.controllerPort()).isNotEqualTo(kafka.port());
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.logFile()).exists();
    }

    @Test
    void transactionCommitsAndAborts(EmbeddedKafka kafka) {
        String topic = "tx-" + UUID.randomUUID();
        kafka.createTopic(topic, 2);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k1", "committed"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k2", "aborted"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k3", "committed-later"));
            producer.commitTransaction();
        }

        List<String> values = consumeCommitted(kafka, topic, 2);
        assertThat(values).containsExactlyInAnyOrder("committed", "committed-later");
    }

    @Test
    void topicCreatedOnFirstUse(EmbeddedKafka kafka) throws Exception {
        String topic = "auto-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }
        assertThat(consumeCommitted(kafka, topic, 1)).containsExactly("v");
    }

    @Test
    void createTopicRejectsBadInput(EmbeddedKafka kafka) {
        assertThatThrownBy(() -> kafka.createTopic("bad name", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid topic name 'bad name'");
        assertThatThrownBy(() -> kafka.createTopic("ok-name", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid partition count 0");
    }

    @Test
    void createTopicKeepsExistingTopic(EmbeddedKafka kafka) {
        String topic = "twice-" + UUID.randomUUID();
        kafka.createTopics(topic + ":3");
        kafka.createTopics(topic + ":3", topic + "-other");
        assertThat(kafka.dataDir().resolve("kafka-logs").resolve(topic + "-2")).isDirectory();
        assertThat(kafka.dataDir().resolve("kafka-logs").resolve(topic + "-other-0")).isDirectory();
    }

    private static Map<String, Object> producerConfig(EmbeddedKafka kafka) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test-" + UUID.randomUUID(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    }

    /** Reads with read_committed until {@code expected} records arrived or 30 s passed. */
    private static List<String> consumeCommitted(EmbeddedKafka kafka, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "group-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // One more poll, so that a record that should not be visible has had its chance.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}
