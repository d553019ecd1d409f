package com.znyw.core.csv;

/**
 * The kinds of problem found in an uploaded table. Each has an i18n message key, looked up in
 * the console's {@code i18n/focus} bundles, and an English {@link java.text.MessageFormat}
 * pattern for logs and API clients without a bundle. The arguments are the same for both.
 */
public enum CsvError {
    /** No arguments. */
    EMPTY_FILE("focus.csv.empty",
            "The file is empty: upload a CSV file whose first row is the header"),
    /** {0} header columns found. */
    NO_ROWS("focus.csv.noRows",
            "The file has a header ({0}) but no data rows: add at least one row below the header"),
    /** {0} layout, {1} expected columns, {2} found columns. */
    MISSING_COLUMNS("focus.csv.header.missing",
            "The header does not fit the {0} layout: expected columns {1}, found {2}."
                    + " Rename the columns or choose the column mapping"),
    /** {0} found columns. */
    UNKNOWN_LAYOUT("focus.csv.header.unknownLayout",
            "Cannot tell the layout from the header {0}: expected real and predict columns"
                    + " (cube), a timestamp column (leaf time series) or a label or metric column"
                    + " (records). Choose the layout and column mapping"),
    /** {0} column name. */
    DUPLICATE_COLUMN("focus.csv.header.duplicate",
            "The header names column \"{0}\" twice: give every column a unique name"),
    /** {0} column name, {1} role, {2} header columns. */
    UNKNOWN_COLUMN("focus.csv.header.unknownColumn",
            "Column \"{0}\" chosen as {1} is not in the header {2}: choose a column of the file"),
    /** {0} layout. */
    NO_DIMENSIONS("focus.csv.header.noDimensions",
            "The {0} layout needs at least one dimension column besides the measures: add one"),
    /** {0} line, {1} expected field count, {2} found field count. */
    ROW_WIDTH("focus.csv.row.width",
            "Line {0}: expected {1} fields as in the header, found {2}. Check the delimiter and"
                    + " quotes on that line"),
    /** {0} line, {1} column, {2} value. */
    INVALID_NUMBER("focus.csv.number.invalid",
            "Line {0}, column \"{1}\": \"{2}\" is not a number. Use digits with a dot as the"
                    + " decimal separator"),
    /** {0} line, {1} column, {2} value. */
    NEGATIVE_NUMBER("focus.csv.number.negative",
            "Line {0}, column \"{1}\": {2} is negative, but measures must be 0 or more"),
    /** {0} line, {1} column, {2} value. */
    INVALID_TIMESTAMP("focus.csv.timestamp.invalid",
            "Line {0}, column \"{1}\": \"{2}\" is not a time. Use epoch seconds or milliseconds,"
                    + " or yyyy-MM-dd HH:mm[:ss]"),
    /** {0} line, {1} column, {2} value. */
    INVALID_LABEL("focus.csv.label.invalid",
            "Line {0}, column \"{1}\": \"{2}\" is not a label. Use 1/0, true/false or bad/good"),
    /** {0} line, {1} column. */
    MISSING_VALUE("focus.csv.value.missing",
            "Line {0}, column \"{1}\" is empty: fill in a value or remove the row"),
    /** {0} line. */
    UNCLOSED_QUOTE("focus.csv.quote.unclosed",
            "Line {0}: a quoted field is not closed before the end of the file. Add the closing"
                    + " double quote"),
    /** {0} charset, {1} line. */
    INVALID_ENCODING("focus.csv.encoding.invalid",
            "The file is not valid {0} near line {1}: choose the encoding it was saved in"
                    + " (UTF-8 or GBK/GB18030)"),
    /** {0} charset name. */
    UNKNOWN_ENCODING("focus.csv.encoding.unknown",
            "Unknown encoding \"{0}\": use UTF-8, GBK or GB18030"),
    /** {0} delimiter. */
    INVALID_DELIMITER("focus.csv.delimiter.invalid",
            "Unsupported delimiter \"{0}\": use a comma, a semicolon or a tab"),
    /** {0} layout name. */
    UNKNOWN_LAYOUT_NAME("focus.csv.layout.unknown",
            "Unknown layout \"{0}\": use cube, leaf_series or records"),
    /** {0} parameter, {1} value, {2} expected form, such as "0 < x <= 1". */
    INVALID_PARAMETER("focus.param.invalid",
            "Parameter {0} has the invalid value \"{1}\": expected {2}"),
    /** {0} parameter, {1} layout. */
    MISSING_PARAMETER("focus.param.missing",
            "Parameter {0} is required for the {1} layout: give it with the upload"),
    /** {0} anomaly time. */
    ANOMALY_TIME_NOT_FOUND("focus.csv.anomalyTime.notFound",
            "No row has the anomaly time {0}: give a time that occurs in the timestamp column"),
    /** {0} row count, {1} limit. */
    TOO_MANY_LEAVES("focus.csv.leaves.tooMany",
            "The table has {0} distinct dimension combinations, more than the limit of {1}:"
                    + " drop a dimension column or aggregate the file first"),
    /** {0} error text, {1} line. */
    READ_FAILED("focus.csv.read.failed",
            "Reading the file failed near line {1}: {0}");

    private final String key;
    private final String englishPattern;

    CsvError(String key, String englishPattern) {
        this.key = key;
        this.englishPattern = englishPattern;
    }

    /** The i18n message key. */
    public String key() {
        return key;
    }

    /** The English message pattern, in {@link java.text.MessageFormat} syntax. */
    public String englishPattern() {
        return englishPattern;
    }

    /** Returns the error whose key is {@code key}, or null. */
    public static CsvError ofKey(String key) {
        for (CsvError error : values()) {
            if (error.key.equals(key)) {
                return error;
            }
        }
        return null;
    }
}
