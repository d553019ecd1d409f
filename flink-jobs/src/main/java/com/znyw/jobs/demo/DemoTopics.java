package com.znyw.jobs.demo;

import com.znyw.embedded.EmbeddedKafka;

/** The Kafka topics of the demo, created with the partition counts the jobs expect. */
record DemoTopics(String points, String anomalies, String deadLetters, String events) {

    static DemoTopics create(EmbeddedKafka kafka) {
        DemoTopics topics = new DemoTopics("kpi-points", "anomalies", "kpi-points-dlq", "kpi-events");
        kafka.createTopics(topics.points() + ":4", topics.anomalies(), topics.deadLetters(),
                topics.events());
        return topics;
    }
}
