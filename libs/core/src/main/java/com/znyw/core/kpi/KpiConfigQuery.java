package com.znyw.core.kpi;

/**
 * Filter, sort and page of a {@link KpiConfigRepository#list(KpiConfigQuery)} request. Null
 * filters match everything. Build one with {@link #all()} and the {@code with...} methods.
 *
 * @param kpi exact KPI name
 * @param tag one tag as {@code key=value}, such as {@code idc=BJ}
 * @param state reporting state
 * @param enabled whether scoring is on
 * @param owner exact owner
 * @param seriesContains case-insensitive substring of the canonical series key
 * @param sortBy sort field
 * @param descending sort direction
 * @param offset number of matching configurations to skip, 0 or more
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record KpiConfigQuery(
        String kpi,
        String tag,
        KpiState state,
        Boolean enabled,
        String owner,
        String seriesContains,
        SortField sortBy,
        boolean descending,
        int offset,
        int limit) {

    public static final int MAX_LIMIT = 1000;

    /** Sortable fields; every one ends with the unique series key, so paging is stable. */
    public enum SortField {
        SERIES(KpiConfigCodec.SERIES),
        KPI(KpiConfigCodec.KPI),
        OWNER(KpiConfigCodec.OWNER),
        STATE(KpiConfigCodec.STATE),
        SENSITIVITY(KpiConfigCodec.SENSITIVITY),
        LAST_SEEN(KpiConfigCodec.LAST_SEEN),
        UPDATED_AT(KpiConfigCodec.UPDATED_AT);

        private final String field;

        SortField(String field) {
            this.field = field;
        }

        /** Document field name. */
        public String field() {
            return field;
        }
    }

    public KpiConfigQuery {
        if (sortBy == null) {
            sortBy = SortField.SERIES;
        }
        if (offset < 0) {
            throw new IllegalArgumentException("invalid offset " + offset + ": use 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("invalid limit " + limit + ": use 1 to " + MAX_LIMIT);
        }
        if (tag != null && tag.indexOf('=') <= 0) {
            throw new IllegalArgumentException("invalid tag filter '" + tag
                    + "': use key=value, such as idc=BJ");
        }
    }

    /** Returns a query for the first 100 configurations of every series, sorted by series key. */
    public static KpiConfigQuery all() {
        return new KpiConfigQuery(null, null, null, null, null, null, SortField.SERIES, false, 0,
                100);
    }

    public KpiConfigQuery withKpi(String value) {
        return new KpiConfigQuery(value, tag, state, enabled, owner, seriesContains, sortBy,
                descending, offset, limit);
    }

    public KpiConfigQuery withTag(String value) {
        return new KpiConfigQuery(kpi, value, state, enabled, owner, seriesContains, sortBy,
                descending, offset, limit);
    }

    public KpiConfigQuery withState(KpiState value) {
        return new KpiConfigQuery(kpi, tag, value, enabled, owner, seriesContains, sortBy,
                descending, offset, limit);
    }

    public KpiConfigQuery withEnabled(Boolean value) {
        return new KpiConfigQuery(kpi, tag, state, value, owner, seriesContains, sortBy,
                descending, offset, limit);
    }

    public KpiConfigQuery withOwner(String value) {
        return new KpiConfigQuery(kpi, tag, state, enabled, value, seriesContains, sortBy,
                descending, offset, limit);
    }

    public KpiConfigQuery withSeriesContains(String value) {
        return new KpiConfigQuery(kpi, tag, state, enabled, owner, value, sortBy, descending,
                offset, limit);
    }

    public KpiConfigQuery withSort(SortField field, boolean descendingOrder) {
        return new KpiConfigQuery(kpi, tag, state, enabled, owner, seriesContains, field,
                descendingOrder, offset, limit);
    }

    public KpiConfigQuery withPage(int pageOffset, int pageLimit) {
        return new KpiConfigQuery(kpi, tag, state, enabled, owner, seriesContains, sortBy,
                descending, pageOffset, pageLimit);
    }
}
