package com.znyw.core.focus;

import java.util.List;

/**
 * The outcome of a successful Focus analysis.
 *
 * @param layout        the layout used: cube, leaf_series or records
 * @param measure       {@code fundamental} (a sum), {@code derived} (a ratio of two sums) or
 *                      {@code bad_records} (the count of bad records)
 * @param dimensions    the dimension columns searched
 * @param rowCount      the number of data rows read
 * @param leafCount     the number of distinct dimension tuples
 * @param totalReal     the total real measure
 * @param totalExpected the total expected measure
 * @param anomalyTime   for a leaf time series, the analysed time in epoch milliseconds, else null
 * @param findings      the ranked combinations, best first; empty when nothing deviates
 */
public record FocusResult(String layout, String measure, List<String> dimensions, long rowCount,
        long leafCount, double totalReal, double totalExpected, Long anomalyTime,
        List<FocusFinding> findings) {

    public FocusResult {
        dimensions = List.copyOf(dimensions);
        findings = List.copyOf(findings);
    }
}
