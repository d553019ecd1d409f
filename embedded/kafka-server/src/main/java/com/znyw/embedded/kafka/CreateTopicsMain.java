package com.znyw.embedded.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Kafka topics with replication factor 1, for callers that keep Kafka's client jars off
 * their own classpath.
 *
 * <p>Usage: {@code CreateTopicsMain BOOTSTRAP_SERVERS NAME[:PARTITIONS] ...}. A topic that exists
 * already is left as it is. Exit status 0 on success, 1 on a failed creation, 2 on bad
 * arguments.
 */
public final class CreateTopicsMain {

    /** Kafka's own rule for topic names (up to 249 characters of this set). */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private CreateTopicsMain() {
    }

    public static void main(String[] args) {
        List<NewTopic> topics;
        try {
            if (args.length < 2) {
                throw new IllegalArgumentException(
                        "Usage: CreateTopicsMain BOOTSTRAP_SERVERS NAME[:PARTITIONS] ...");
            }
            topics = parseTopics(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }

        Properties config = new Properties();
        config.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        int status = 0;
        try (Admin admin = Admin.create(config)) {
            Map<String, org.apache.kafka.common.KafkaFuture<Void>> results = admin.createTopics(topics).values();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get();
                    System.out.println("Created topic " + result.getKey());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        System.out.println("Topic " + result.getKey() + " exists already");
                    } else {
                        System.err.println("Failed to create topic " + result.getKey() + ": " + e.getCause());
                        status = 1;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        }
        System.exit(status);
    }

    static List<NewTopic> parseTopics(String[] args) {
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String spec = args[i];
            int colon = spec.lastIndexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            int partitions = 1;
            if (colon >= 0) {
                try {
                    partitions = Integer.parseInt(spec.substring(colon + 1));
                } catch (NumberFormatException e) {
                    partitions = -1;
                }
            }
            if (!TOPIC_NAME.matcher(name).matches() || ".".equals(name) || "..".equals(name)) {
                throw new IllegalArgumentException("Invalid topic name '" + name
                        + "': use 1-249 characters from a-z, A-Z, 0-9, '.', '_' and '-'");
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("Invalid partition count in '" + spec
                        + "': expected NAME:N with N >= 1");
            }
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        return topics;
    }
}
