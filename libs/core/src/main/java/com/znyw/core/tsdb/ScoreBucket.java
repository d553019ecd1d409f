package com.znyw.core.tsdb;

/**
 * Aggregate of the scored points of one series in one time bucket, for charts over long ranges.
 *
 * @param ts        start of the bucket, epoch milliseconds
 * @param value     mean observed value
 * @param expected  mean expected value
 * @param lower     lowest lower band edge
 * @param upper     highest upper band edge
 * @param maxScore  highest anomaly score
 */
public record ScoreBucket(long ts, double value, double expected, double lower, double upper,
                          double maxScore) {
}
