package com.znyw.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KpiPointCodecTest {

    private final KpiPointCodec codec = new KpiPointCodec();

    @Test
    void parsesContractExample() throws Exception {
        KpiPoint point = codec.parse("{\"kpi\": \"txn_latency_ms\", \"ts\": 1733300000000,"
                + " \"value\": 182.5, \"tags\": {\"host\": \"app-07\", \"idc\": \"BJ\","
                + " \"app\": \"core-banking\"}}");

        assertThat(point.kpi).isEqualTo("txn_latency_ms");
        assertThat(point.ts).isEqualTo(1733300000000L);
        assertThat(point.value).isEqualTo(182.5);
        assertThat(point.tags).containsEntry("host", "app-07").hasSize(3);
        assertThat(point.seriesKey().toString())
                .isEqualTo("txn_latency_ms{app=core-banking,host=app-07,idc=BJ}");
    }

    @Test
    void formatThenParseRoundTrips() throws Exception {
        KpiPoint point = new KpiPoint("cpu", 42L, -1.5e300, Map.of("host", "h1"));

        assertThat(codec.parse(codec.format(point))).isEqualTo(point);
    }

    @Test
    void acceptsPointWithoutTags() throws Exception {
        assertThat(codec.parse("{\"kpi\":\"cpu\",\"ts\":1,\"value\":2}").tags).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                             | invalid JSON",
        "[1,2]                                                | must be a JSON object",
        "{\"ts\":1,\"value\":2}                               | missing field 'kpi'",
        "{\"kpi\":\"cpu\",\"value\":2}                        | missing field 'ts'",
        "{\"kpi\":\"cpu\",\"ts\":1}                           | missing field 'value'",
        "{\"kpi\":\"cpu\",\"ts\":\"x\",\"value\":2}           | field 'ts' must be",
        "{\"kpi\":\"cpu\",\"ts\":-5,\"value\":2}              | field 'ts' must be",
        "{\"kpi\":\"cpu\",\"ts\":1.5,\"value\":2}             | field 'ts' must be",
        "{\"kpi\":\"cpu\",\"ts\":1,\"value\":\"NaN\"}         | field 'value' must be a number",
        "{\"kpi\":\"cpu\",\"ts\":1,\"value\":1e999}           | field 'value' must be finite",
        "{\"kpi\":\"cpu load\",\"ts\":1,\"value\":2}          | invalid kpi 'cpu load'",
        "{\"kpi\":7,\"ts\":1,\"value\":2}                     | field 'kpi' must be a string",
        "{\"kpi\":\"cpu\",\"ts\":1,\"value\":2,\"tags\":[1]}  | field 'tags' must be an object",
        "{\"kpi\":\"cpu\",\"ts\":1,\"value\":2,\"tags\":{\"h\":1}} | tag 'h' must be a string",
        "{\"kpi\":\"cpu\",\"ts\":1,\"value\":2,\"tags\":{\"a b\":\"x\"}} | invalid tag key 'a b'",
        "{\"kpi\":\"cpu\",\"ts\":1,\"value\":2,\"tags\":{\"h\":\"a,b\"}} | invalid value 'a,b' of tag 'h'",
    })
    void rejectsInvalidRecord(String json, String expectedMessage) {
        assertThatThrownBy(() -> codec.parse(json))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void rejectsEmptyRecord() {
        assertThatThrownBy(() -> codec.parse("  "))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("empty record");
    }
}
