package com.znyw.core.focus;

/** The life cycle of a Focus analysis: QUEUED, then RUNNING, then SUCCEEDED or FAILED. */
public enum FocusJobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
