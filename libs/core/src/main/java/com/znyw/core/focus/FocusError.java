package com.znyw.core.focus;

import java.util.List;

import com.znyw.core.csv.CsvException;

/**
 * Why a Focus analysis failed, in a form the console can translate.
 *
 * @param key       the i18n message key, such as {@code focus.csv.number.invalid}
 * @param arguments the message arguments, as strings
 * @param line      the 1-based line of the file, or 0 when the error is not on one line
 * @param message   the English message, for logs and API clients
 */
public record FocusError(String key, List<String> arguments, long line, String message) {

    /** The key of errors that are not the user's to fix, such as a lost connection. */
    public static final String INTERNAL_KEY = "focus.job.internal";

    public FocusError {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    public static FocusError of(CsvException e) {
        return new FocusError(e.error().key(), e.arguments(), e.line(), e.getMessage());
    }

    /** An error that the user cannot fix by changing the file; the message gives the cause. */
    public static FocusError internal(String message) {
        return new FocusError(INTERNAL_KEY, List.of(message), 0, message);
    }
}
