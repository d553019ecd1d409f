package com.znyw.console.jobs;

/** No job of that name exists in the managed namespace or cluster. */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(String name, String where) {
        super("no job '" + name + "' in " + where + ": check the name on the Jobs page");
    }
}
