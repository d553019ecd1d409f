package com.znyw.console.kpi;

import com.znyw.core.kpi.KpiState;

/**
 * Filter of the KPI list.
 *
 * @param text  substring of the series key, case-insensitive; blank for all
 * @param tag   one tag as {@code key=value}; blank for all
 * @param state reporting state; null for all
 */
public record KpiFilter(String text, String tag, KpiState state) {

    public static KpiFilter none() {
        return new KpiFilter(null, null, null);
    }

    /**
     * Checks the tag filter.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public KpiFilter {
        if (tag != null && !tag.isBlank() && !tag.trim().matches("[A-Za-z0-9_.:-]{1,128}=.+")) {
            throw new IllegalArgumentException("invalid tag filter '" + tag
                    + "': write it as key=value, for example idc=BJ");
        }
    }
}
