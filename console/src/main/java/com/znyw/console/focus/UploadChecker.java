package com.znyw.console.focus;

import java.io.IOException;
import java.nio.file.Path;

import com.znyw.core.csv.CsvError;
import com.znyw.core.csv.CsvException;
import com.znyw.core.csv.CsvRow;
import com.znyw.core.csv.CsvTableReader;
import com.znyw.core.csv.CsvValues;
import com.znyw.core.csv.TableLayout;
import com.znyw.core.csv.TableSchema;
import com.znyw.core.focus.FocusParameters;

/**
 * Checks an upload before its job is submitted: the header against the layout, and the first
 * rows' fields with the same parsers the Flink job uses. Rows further down are checked by the
 * job, which reports a bad one with its line.
 */
final class UploadChecker {

    private UploadChecker() {
    }

    /**
     * Reads the header and up to {@code maxRows} rows.
     *
     * @return the resolved schema
     * @throws CsvException naming the problem, its line and what to do
     */
    static TableSchema check(Path file, FocusParameters parameters, int maxRows)
            throws IOException {
        try (CsvTableReader reader = CsvTableReader.open(file, parameters.csv())) {
            TableSchema schema = TableSchema.resolve(reader.header(), parameters.layout(),
                    parameters.roles());
            if (schema.layout() == TableLayout.RECORDS && parameters.threshold() == null
                    && !schema.targetLooksLikeLabel()) {
                throw new CsvException(CsvError.MISSING_PARAMETER, 0, FocusParameters.THRESHOLD,
                        TableLayout.RECORDS.apiName());
            }
            CsvValues values = new CsvValues(reader.header());
            int rows = 0;
            for (CsvRow row : reader) {
                checkRow(schema, parameters, values, row);
                rows++;
                if (rows >= maxRows) {
                    break;
                }
            }
            if (rows == 0) {
                throw new CsvException(CsvError.NO_ROWS, 0, reader.header());
            }
            return schema;
        }
    }

    private static void checkRow(TableSchema schema, FocusParameters parameters,
            CsvValues values, CsvRow row) {
        switch (schema.layout()) {
            case CUBE -> {
                for (int column : schema.measureColumns()) {
                    values.measure(row, column);
                }
            }
            case LEAF_SERIES -> {
                values.timestamp(row, schema.timestampColumn(), parameters.timeZone());
                for (int column : schema.measureColumns()) {
                    values.measure(row, column);
                }
            }
            case RECORDS -> {
                if (parameters.threshold() != null) {
                    values.number(row, schema.targetColumn());
                } else {
                    values.label(row, schema.targetColumn());
                }
            }
        }
    }
}
