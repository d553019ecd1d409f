package com.znyw.core.csv;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A problem with an uploaded table that the user has to fix. It carries the error kind and its
 * arguments, so the console can show it in the user's language, and the line number where one
 * applies (0 when the problem is not on one line).
 */
public class CsvException extends RuntimeException {

    private final CsvError error;
    private final List<String> arguments;
    private final long line;

    public CsvException(CsvError error, long line, Object... arguments) {
        this(error, line, null, arguments);
    }

    public CsvException(CsvError error, long line, Throwable cause, Object... arguments) {
        super(format(error, arguments), cause);
        this.error = error;
        this.line = line;
        this.arguments = Arrays.stream(arguments).map(String::valueOf).toList();
    }

    public CsvError error() {
        return error;
    }

    /** The arguments of the message, as strings in the order of its pattern. */
    public List<String> arguments() {
        return arguments;
    }

    /** The 1-based line of the file, or 0 when the problem is not on one line. */
    public long line() {
        return line;
    }

    /** Formats the English message of {@code error} with the given arguments. */
    public static String format(CsvError error, Object... arguments) {
        // MessageFormat would format numbers with grouping ("1,234"), which reads badly for
        // line numbers, so every argument is passed as a string.
        Object[] text = Arrays.stream(arguments).map(String::valueOf).toArray();
        return new MessageFormat(error.englishPattern().replace("'", "''"), Locale.ROOT)
                .format(text);
    }
}
