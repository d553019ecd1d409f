package com.znyw.ml.rca;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One root cause: a combination of dimension values such as {@code idc=BJ&app=pay}, ranked by
 * {@link #score}.
 *
 * @param conditions     the dimension values, sorted by dimension name
 * @param score          ranking score in [0, 1]: the share of the cube's abnormal volume (volume
 *                       of leaves outside the noise, in the combination's direction) that the
 *                       combination contains
 * @param deviationShare the combination's share of the cube's total deviation
 *                       {@code sum(real - expected)}; above 1 when other leaves deviate the
 *                       other way, negative when the combination moves against the total
 * @param support        the combination's share of the cube's volume, where a leaf's volume is
 *                       the mean of its real and expected measure
 * @param leafCount      number of leaves in the combination
 * @param real           the combination's real measure: a sum, or for a derived measure the
 *                       ratio of the sums
 * @param expected       the combination's expected measure, in the same unit as {@code real}
 */
public record RootCause(List<Condition> conditions, double score, double deviationShare,
        double support, int leafCount, double real, double expected) implements Serializable {

    /** One dimension value of a root cause. */
    public record Condition(String dimension, String value) implements Serializable {
        @Override
        public String toString() {
            return dimension + "=" + value;
        }
    }

    public RootCause {
        List<Condition> sorted = new ArrayList<>(conditions);
        sorted.sort(Comparator.comparing(Condition::dimension));
        conditions = List.copyOf(sorted);
    }

    /** Returns the combination as {@code dim=value&dim=value}, sorted by dimension name. */
    public String combination() {
        return conditions.stream().map(Condition::toString).collect(Collectors.joining("&"));
    }
}
