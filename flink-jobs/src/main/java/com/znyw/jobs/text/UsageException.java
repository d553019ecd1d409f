package com.znyw.jobs.text;

/**
 * Bad input from the user of the command line, such as an unknown option or a missing data
 * folder. It carries the key and arguments of its text, so the command line shows it in the
 * user's language; {@link #getMessage()} is the English text, for logs.
 */
public final class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final transient Object[] args;

    public UsageException(String key, Object... args) {
        super(CliText.english().get(key, args));
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
