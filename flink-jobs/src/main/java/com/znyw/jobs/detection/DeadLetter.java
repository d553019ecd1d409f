package com.znyw.jobs.detection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the JSON records of the dead-letter topic: the reason, the record and when it failed. */
public final class DeadLetter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeadLetter() {
    }

    /**
     * @param kind   {@code invalid} for records that could not be parsed or validated,
     *               {@code late} for valid points that arrived too late to be scored
     * @param reason human-readable reason naming the field or the time
     * @param record the original record text, or a JSON rendering of the late point
     */
    public static String format(String kind, String reason, String record, long rejectedAtMs) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", kind);
        root.put("reason", reason);
        root.put("record", record);
        root.put("rejectedAt", rejectedAtMs);
        return root.toString();
    }
}
