package com.znyw.console.jobs;

/** The action needs Kubernetes mode, or does not fit the job's current state. */
public class UnsupportedJobActionException extends RuntimeException {

    public UnsupportedJobActionException(String message) {
        super(message);
    }
}
