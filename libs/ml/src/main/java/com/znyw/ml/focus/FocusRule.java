package com.znyw.ml.focus;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One group of records where bad records concentrate, such as {@code channel=app&region=east}.
 *
 * @param conditions  the attribute values, sorted by attribute name
 * @param records     number of records in the group
 * @param badRecords  number of bad records in the group
 * @param support     share of all records that are in the group
 * @param confidence  share of the group's records that are bad
 * @param lift        confidence divided by the share of bad records in the whole table
 * @param coverage    share of all bad records that are in the group
 * @param score       weighted relative accuracy, {@code support * (confidence - base rate)}:
 *                    how many more bad records the group contains than chance, as a share of all
 *                    records
 */
public record FocusRule(List<Condition> conditions, int records, int badRecords, double support,
        double confidence, double lift, double coverage, double score) implements Serializable {

    /** One attribute value of a rule. */
    public record Condition(String attribute, String value) implements Serializable {
        @Override
        public String toString() {
            return attribute + "=" + value;
        }
    }

    public FocusRule {
        List<Condition> sorted = new ArrayList<>(conditions);
        sorted.sort(Comparator.comparing(Condition::attribute));
        conditions = List.copyOf(sorted);
    }

    /** Returns the rule as {@code attr=value&attr=value}, sorted by attribute name. */
    public String combination() {
        return conditions.stream().map(Condition::toString).collect(Collectors.joining("&"));
    }
}
