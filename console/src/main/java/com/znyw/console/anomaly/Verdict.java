package com.znyw.console.anomaly;

/** An operator's judgement of a detected anomaly. */
public enum Verdict {
    CONFIRMED, FALSE_ALARM;

    /**
     * Parses a verdict name.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static Verdict parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown verdict '" + name
                    + "': use CONFIRMED or FALSE_ALARM");
        }
    }
}
