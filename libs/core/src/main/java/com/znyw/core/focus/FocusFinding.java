package com.znyw.core.focus;

import java.util.Map;

/**
 * One ranked attribute combination that explains the abnormal values.
 *
 * @param rank           1 for the best
 * @param combination    the combination as {@code dim=value&dim=value}, sorted by dimension
 * @param conditions     the same combination as dimension to value, sorted by dimension
 * @param score          ranking score in [0, 1]
 * @param deviationShare the combination's share of the total deviation of real from expected
 * @param support        the combination's share of the total volume (leaves or records)
 * @param leafCount      the number of leaves (distinct dimension tuples) it covers
 * @param real           its real measure: a sum, a ratio for a derived measure, or the number
 *                       of bad records
 * @param expected       its expected measure in the same unit
 * @param recordCount    for records, the number of records it covers, else null
 * @param badCount       for records, the number of bad records among them, else null
 * @param confidence     for records, the share of bad records among them, else null
 * @param lift           for records, confidence divided by the overall bad share, else null
 */
public record FocusFinding(int rank, String combination, Map<String, String> conditions,
        double score, double deviationShare, double support, int leafCount, double real,
        double expected, Long recordCount, Long badCount, Double confidence, Double lift) {

    public FocusFinding {
        conditions = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(conditions));
    }
}
