package com.znyw.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** JSON form of a scored point, as written to the {@code anomalies} topic. Thread-safe. */
public final class ScoredPointCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String format(ScoredPoint point) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("series", point.series);
        root.put("kpi", point.kpi);
        ObjectNode tags = root.putObject("tags");
        point.tags.forEach(tags::put);
        root.put("ts", point.ts);
        root.put("value", point.value);
        root.put("expected", point.expected);
        root.put("lower", point.lower);
        root.put("upper", point.upper);
        root.put("score", point.score);
        root.put("anomaly", point.anomaly);
        root.put("detector", point.detector);
        root.put("model_version", point.modelVersion);
        return root.toString();
    }

    /**
     * Parses what {@link #format(ScoredPoint)} wrote.
     *
     * @throws IllegalArgumentException if the text is not such a record
     */
    public ScoredPoint parse(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            ScoredPoint point = new ScoredPoint();
            point.series = root.path("series").asText();
            point.kpi = root.path("kpi").asText();
            Map<String, String> tags = new HashMap<>();
            root.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            point.tags = tags;
            point.ts = root.path("ts").asLong();
            point.value = root.path("value").asDouble();
            point.expected = root.path("expected").asDouble();
            point.lower = root.path("lower").asDouble();
            point.upper = root.path("upper").asDouble();
            point.score = root.path("score").asDouble();
            point.anomaly = root.path("anomaly").asBoolean();
            point.detector = root.path("detector").asText(null);
            point.modelVersion = root.path("model_version").asText(null);
            return point;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid scored point JSON: " + e.getOriginalMessage(), e);
        }
    }
}
