package com.znyw.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads and writes the JSON form of a KPI point:
 * {@code {"kpi":"txn_latency_ms","ts":1733300000000,"value":182.5,"tags":{"host":"app-07"}}}.
 *
 * <p>Parsing validates everything a detector relies on, so a point that comes out of
 * {@link #parse(String)} is safe to score. Unknown fields are ignored so that producers can add
 * fields without breaking the job. Instances are thread-safe.
 */
public final class KpiPointCodec {

    /** Maximum number of tags per point; more would make series keys unwieldy. */
    public static final int MAX_TAGS = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Parses and validates one record.
     *
     * @throws InvalidRecordException naming the field and the value that is wrong
     */
    public KpiPoint parse(String json) throws InvalidRecordException {
        if (json == null || json.isBlank()) {
            throw new InvalidRecordException("empty record");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRecordException("record must be a JSON object");
        }

        KpiPoint point = new KpiPoint();
        point.kpi = readKpi(root);
        point.ts = readTimestamp(root);
        point.value = readValue(root);
        point.tags = readTags(root);
        try {
            point.seriesKey();
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage(), e);
        }
        return point;
    }

    private static String readKpi(JsonNode root) throws InvalidRecordException {
        JsonNode kpi = root.get("kpi");
        if (kpi == null || kpi.isNull()) {
            throw new InvalidRecordException("missing field 'kpi'");
        }
        if (!kpi.isTextual()) {
            throw new InvalidRecordException("field 'kpi' must be a string, was " + kpi);
        }
        return kpi.textValue();
    }

    private static long readTimestamp(JsonNode root) throws InvalidRecordException {
        JsonNode ts = root.get("ts");
        if (ts == null || ts.isNull()) {
            throw new InvalidRecordException("missing field 'ts' (epoch milliseconds)");
        }
        if (!ts.isIntegralNumber() || !ts.canConvertToLong() || ts.longValue() < 0) {
            throw new InvalidRecordException(
                    "field 'ts' must be a non-negative integer of epoch milliseconds, was " + ts);
        }
        return ts.longValue();
    }

    private static double readValue(JsonNode root) throws InvalidRecordException {
        JsonNode value = root.get("value");
        if (value == null || value.isNull()) {
            throw new InvalidRecordException("missing field 'value'");
        }
        if (!value.isNumber()) {
            throw new InvalidRecordException("field 'value' must be a number, was " + value);
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            throw new InvalidRecordException("field 'value' must be finite, was " + value);
        }
        return number;
    }

    private static Map<String, String> readTags(JsonNode root) throws InvalidRecordException {
        JsonNode tags = root.get("tags");
        Map<String, String> result = new HashMap<>();
        if (tags == null || tags.isNull()) {
            return result;
        }
        if (!tags.isObject()) {
            throw new InvalidRecordException("field 'tags' must be an object of strings, was "
                    + tags);
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidRecordException("too many tags: " + tags.size() + ", at most "
                    + MAX_TAGS);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = tags.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> tag = fields.next();
            if (!tag.getValue().isTextual()) {
                throw new InvalidRecordException("tag '" + tag.getKey()
                        + "' must be a string, was " + tag.getValue());
            }
            result.put(tag.getKey(), tag.getValue().textValue());
        }
        return result;
    }

    /** Writes a point as one line of JSON. */
    public String format(KpiPoint point) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kpi", point.kpi);
        root.put("ts", point.ts);
        root.put("value", point.value);
        ObjectNode tags = root.putObject("tags");
        point.tags.forEach(tags::put);
        return root.toString();
    }
}
