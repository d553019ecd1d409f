package com.znyw.ml.eval.nab;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads and writes NAB timestamps. NAB data files use {@code 2014-04-10 07:15:00} and the label
 * files add microseconds ({@code 2014-04-10 07:15:00.000000}). Neither names a zone, so both are
 * read as UTC.
 */
final class NabTime {

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter PRINTER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NabTime() {
    }

    /**
     * Parses a NAB timestamp to epoch milliseconds.
     *
     * @throws IllegalArgumentException naming the text if it is not of the form
     *                                  {@code yyyy-MM-dd HH:mm:ss[.ffffff]}
     */
    static long parse(String text) {
        try {
            return LocalDateTime.parse(text.trim(), PARSER).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid timestamp '" + text
                    + "': expected the form yyyy-MM-dd HH:mm:ss, for example 2014-04-10 07:15:00", e);
        }
    }

    /**
     * Formats epoch milliseconds as a NAB data-file timestamp in UTC. Milliseconds are appended
     * only when they are not zero, because NAB's own files hold whole seconds.
     */
    static String format(long epochMs) {
        long millis = Math.floorMod(epochMs, 1000L);
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMs, 1000L), 0, ZoneOffset.UTC);
        String text = time.format(PRINTER);
        return millis == 0 ? text : text + String.format(".%03d", millis);
    }
}
