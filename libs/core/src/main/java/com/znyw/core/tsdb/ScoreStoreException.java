package com.znyw.core.tsdb;

/** A query to or write into the time-series store failed; the message names the store and query. */
public class ScoreStoreException extends RuntimeException {

    public ScoreStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
