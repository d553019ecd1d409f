package com.znyw.core.csv;

/**
 * One data row of a table.
 *
 * @param line   the 1-based line of the file on which the row starts; a quoted field with line
 *               breaks makes the row span more lines
 * @param values the fields, trimmed, one per header column
 */
public record CsvRow(long line, String[] values) {

    public String value(int column) {
        return values[column];
    }
}
