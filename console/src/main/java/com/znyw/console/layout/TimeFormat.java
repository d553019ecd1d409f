package com.znyw.console.layout;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats times for display in the user's zone, as {@code yyyy-MM-dd HH:mm:ss}. */
public final class TimeFormat {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TimeFormat() {
    }

    public static String format(Instant instant, ZoneId zone) {
        return instant == null ? "" : FORMAT.format(instant.atZone(zone));
    }

    public static String format(long epochMs, ZoneId zone) {
        return format(Instant.ofEpochMilli(epochMs), zone);
    }
}
