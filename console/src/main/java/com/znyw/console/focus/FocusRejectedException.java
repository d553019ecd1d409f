package com.znyw.console.focus;

import com.znyw.core.csv.CsvException;
import com.znyw.core.focus.FocusJob;

/**
 * An upload whose file or parameters cannot be analysed. The file is stored and the job is
 * recorded as FAILED with the reason, so nothing is lost. The API returns 400.
 */
public class FocusRejectedException extends RuntimeException {

    private final transient FocusJob job;
    private final CsvException problem;

    public FocusRejectedException(FocusJob job, CsvException problem) {
        super(problem.getMessage(), problem);
        this.job = job;
        this.problem = problem;
    }

    /** Returns the job, recorded as FAILED. */
    public FocusJob job() {
        return job;
    }

    public CsvException problem() {
        return problem;
    }
}
