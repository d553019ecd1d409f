package com.znyw.console.focus;

/** Starts the Flink job of a stored Focus analysis. */
public interface FocusLauncher {

    /**
     * Submits the job and returns the Flink job id.
     *
     * @throws FocusSubmissionException when Flink cannot be reached or rejects the job
     */
    String submit(String focusJobId);

    /** Asks Flink to cancel a job; failures are logged and ignored. */
    void cancel(String flinkJobId);

    /**
     * Returns Flink's state of a job, such as RUNNING, FINISHED or FAILED, with the root
     * exception of a failed job; empty when Flink cannot be asked or does not know the job.
     */
    java.util.Optional<FlinkJobState> state(String flinkJobId);

    /**
     * A Flink job's state.
     *
     * @param state     Flink's job status name
     * @param rootCause the first line of the root exception of a failed job, else null
     */
    record FlinkJobState(String state, String rootCause) {
    }

    /** Flink could not start a Focus job. The message gives the cause and what to check. */
    class FocusSubmissionException extends RuntimeException {
        public FocusSubmissionException(String message) {
            super(message);
        }

        public FocusSubmissionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
