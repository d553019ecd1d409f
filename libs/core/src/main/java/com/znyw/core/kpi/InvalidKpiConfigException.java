package com.znyw.core.kpi;

/**
 * A KPI configuration that breaks the schema of {@link KpiConfig}. The message names the field,
 * the rejected value and the allowed range.
 */
public class InvalidKpiConfigException extends IllegalArgumentException {

    private final String field;
    private final transient Object value;

    public InvalidKpiConfigException(String field, Object value, String expectation) {
        super("invalid " + field + " '" + value + "': " + expectation);
        this.field = field;
        this.value = value;
    }

    /** Name of the document field that failed, such as {@code sensitivity}. */
    public String field() {
        return field;
    }

    /** The rejected value, or null if the field was missing. */
    public Object value() {
        return value;
    }
}
