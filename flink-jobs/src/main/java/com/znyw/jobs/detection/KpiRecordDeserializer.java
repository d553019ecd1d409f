package com.znyw.jobs.detection;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses {@code kpi-points} records inside the Kafka source. It never throws: a record that is
 * not a valid point comes out with its error set and is routed to the dead-letter topic.
 */
public class KpiRecordDeserializer implements KafkaRecordDeserializationSchema<IngestedRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestedRecord> out) {
        String text = record.value() == null ? null
                : new String(record.value(), StandardCharsets.UTF_8);
        IngestedRecord parsed = IngestedRecord.parse(text);
        if (!parsed.isValid()) {
            parsed.error = parsed.error + " (topic " + record.topic() + ", partition "
                    + record.partition() + ", offset " + record.offset() + ")";
        }
        out.collect(parsed);
    }

    @Override
    public TypeInformation<IngestedRecord> getProducedType() {
        return FlinkTypes.INGESTED_RECORD;
    }
}
