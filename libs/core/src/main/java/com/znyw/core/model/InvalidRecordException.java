package com.znyw.core.model;

/** A record that cannot become a valid KPI point; the message says which field and why. */
public class InvalidRecordException extends Exception {

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
