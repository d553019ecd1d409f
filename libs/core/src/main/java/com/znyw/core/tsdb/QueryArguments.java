package com.znyw.core.tsdb;

import java.time.Duration;

/** Checks of the arguments that {@link ScoreRepository} implementations write into queries. */
final class QueryArguments {

    private QueryArguments() {
    }

    /**
     * Returns {@code limit} if it is at least 1.
     *
     * @throws IllegalArgumentException naming the limit
     */
    static int checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("invalid limit " + limit
                    + ": use 1 or more anomalies");
        }
        return limit;
    }

    /**
     * Returns the bucket width in whole seconds, the unit both stores' queries use.
     *
     * @throws IllegalArgumentException naming the bucket when it is null, shorter than one second
     *     or not a whole number of seconds
     */
    static long bucketSeconds(Duration bucket) {
        if (bucket == null || bucket.compareTo(Duration.ofSeconds(1)) < 0
                || bucket.getNano() != 0) {
            throw new IllegalArgumentException("invalid bucket width " + bucket
                    + ": use a whole number of seconds, at least PT1S");
        }
        return bucket.toSeconds();
    }
}
