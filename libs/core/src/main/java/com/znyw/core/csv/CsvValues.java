package com.znyw.core.csv;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the fields of a {@link CsvRow}, reporting bad values with their line and column name.
 */
public final class CsvValues {

    /** Epoch values below this are seconds, above it milliseconds (1e11 s is the year 5138). */
    private static final double SECONDS_LIMIT = 1e11;
    private static final Set<String> BAD_LABELS = Set.of("1", "true", "bad", "yes", "y", "fail",
            "failed", "failure", "error", "abnormal", "anomaly", "异常", "失败", "是");
    private static final Set<String> GOOD_LABELS = Set.of("0", "false", "good", "no", "n", "ok",
            "success", "succeeded", "normal", "正常", "成功", "否");
    private static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private final List<String> header;

    public CsvValues(List<String> header) {
        this.header = header;
    }

    /**
     * Parses a finite number; a dot is the decimal separator.
     *
     * @throws CsvException with the line, column and value when the field is empty or not a number
     */
    public double number(CsvRow row, int column) {
        String text = row.value(column);
        if (text.isEmpty()) {
            throw new CsvException(CsvError.MISSING_VALUE, row.line(), row.line(),
                    header.get(column));
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the line and column.
        }
        throw new CsvException(CsvError.INVALID_NUMBER, row.line(), row.line(),
                header.get(column), abbreviate(text));
    }

    /** Parses a finite number that is 0 or more, as measures must be. */
    public double measure(CsvRow row, int column) {
        double value = number(row, column);
        if (value < 0) {
            throw new CsvException(CsvError.NEGATIVE_NUMBER, row.line(), row.line(),
                    header.get(column), row.value(column));
        }
        return value;
    }

    /** Parses a time as epoch milliseconds; see {@link #parseTime(String, ZoneId)}. */
    public long timestamp(CsvRow row, int column, ZoneId zone) {
        String text = row.value(column);
        try {
            return parseTime(text, zone);
        } catch (IllegalArgumentException e) {
            throw new CsvException(CsvError.INVALID_TIMESTAMP, row.line(), e, row.line(),
                    header.get(column), abbreviate(text));
        }
    }

    /**
     * Parses a good/bad label: 1, true, bad, yes, fail, 异常 and the like are bad; 0, false,
     * good, no, ok, 正常 and the like are good.
     *
     * @return true for a bad record
     */
    public boolean label(CsvRow row, int column) {
        String text = row.value(column).toLowerCase(Locale.ROOT);
        if (BAD_LABELS.contains(text)) {
            return true;
        }
        if (GOOD_LABELS.contains(text)) {
            return false;
        }
        throw new CsvException(CsvError.INVALID_LABEL, row.line(), row.line(), header.get(column),
                abbreviate(row.value(column)));
    }

    /**
     * Parses a time: epoch seconds or milliseconds (told apart by size), ISO-8601 with an offset,
     * or {@code yyyy-MM-dd[T| ]HH:mm[:ss[.fff]]} or {@code yyyy-MM-dd} in {@code zone}.
     *
     * @return epoch milliseconds
     * @throws IllegalArgumentException when the text is none of these
     */
    public static long parseTime(String text, ZoneId zone) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty time");
        }
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.')) {
            double epoch = Double.parseDouble(trimmed);
            return epoch < SECONDS_LIMIT ? Math.round(epoch * 1000) : Math.round(epoch);
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            // Not with an offset; try local forms below.
        }
        try {
            return LocalDateTime.parse(trimmed, LOCAL_TIME).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            // Not a local date-time; try a date alone below.
        }
        try {
            return LocalDate.parse(trimmed).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time: " + trimmed, e);
        }
    }

    /** Shortens a value for a message, so one long field cannot flood the error text. */
    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
