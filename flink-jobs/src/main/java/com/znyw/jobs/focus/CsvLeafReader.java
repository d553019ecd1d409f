package com.znyw.jobs.focus;

import java.nio.file.Path;
import java.time.ZoneId;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.znyw.core.csv.CsvError;
import com.znyw.core.csv.CsvException;
import com.znyw.core.csv.CsvRow;
import com.znyw.core.csv.CsvTableReader;
import com.znyw.core.csv.CsvValues;
import com.znyw.core.csv.TableLayout;
import com.znyw.core.csv.TableSchema;
import com.znyw.core.focus.FocusError;
import com.znyw.core.focus.FocusJobStore;
import com.znyw.core.focus.FocusParameters;

/**
 * Streams the stored file and emits one {@link LeafRow} per data row. It runs in one task,
 * because a gzip or quoted CSV cannot be split safely; the aggregation after it is parallel.
 *
 * <p>A bad row marks the job FAILED with the row's line and stops the reading, and the job
 * then ends without a result. The stored file stays where it is.
 */
final class CsvLeafReader extends RichFlatMapFunction<Long, LeafRow> {

    private static final Logger LOG = LoggerFactory.getLogger(CsvLeafReader.class);
    private static final long PROGRESS_INTERVAL_MS = 1000;
    /** Reading is this share of the progress; the search is the rest. */
    static final double READ_SHARE = 0.8;

    private final FocusPlan plan;
    private transient MongoClient client;
    private transient FocusJobStore store;

    CsvLeafReader(FocusPlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(OpenContext openContext) {
        client = MongoClients.create(plan.mongoUri);
        store = new FocusJobStore(client.getDatabase(plan.database));
    }

    @Override
    public void flatMap(Long ignored, Collector<LeafRow> out) throws Exception {
        FocusParameters parameters = FocusParameters.fromMap(plan.parameters);
        long rows = 0;
        long lastReport = System.currentTimeMillis();
        try (CsvTableReader reader = CsvTableReader.open(Path.of(plan.storedFile),
                parameters.csv())) {
            TableSchema schema = TableSchema.resolve(reader.header(), parameters.layout(),
                    parameters.roles());
            RowConverter converter = new RowConverter(schema, parameters);
            for (CsvRow row : reader) {
                out.collect(converter.convert(row));
                rows++;
                long now = System.currentTimeMillis();
                if (now - lastReport >= PROGRESS_INTERVAL_MS) {
                    lastReport = now;
                    double share = plan.fileSize > 0
                            ? Math.min(1, (double) reader.bytesRead() / plan.fileSize) : 0;
                    store.updateProgress(plan.jobId, READ_SHARE * share, "reading");
                }
            }
            if (rows == 0) {
                throw new CsvException(CsvError.NO_ROWS, 0, reader.header());
            }
        } catch (CsvException e) {
            // The user's file is at fault: record why and end the job without a result.
            LOG.info("Focus job id={} rejected its input at line {}: {}", plan.jobId, e.line(),
                    e.error().key());
            store.fail(plan.jobId, FocusError.of(e));
            return;
        }
        store.updateProgress(plan.jobId, READ_SHARE, "aggregating");
        LOG.info("Focus job id={} read {} rows from {}", plan.jobId, rows, plan.storedFile);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /** Turns a CSV row into a leaf row for one layout. */
    static final class RowConverter {
        private final TableSchema schema;
        private final CsvValues values;
        private final int[] dimensionColumns;
        private final int[] measureColumns;
        private final ZoneId zone;
        private final Double threshold;

        RowConverter(TableSchema schema, FocusParameters parameters) {
            this.schema = schema;
            this.values = new CsvValues(schema.header());
            this.dimensionColumns = schema.dimensionColumns();
            this.measureColumns = schema.measureColumns();
            this.zone = parameters.timeZone();
            this.threshold = parameters.threshold();
            if (schema.layout() == TableLayout.RECORDS && threshold == null
                    && !schema.targetLooksLikeLabel()) {
                throw new CsvException(CsvError.MISSING_PARAMETER, 0,
                        FocusParameters.THRESHOLD, TableLayout.RECORDS.apiName());
            }
        }

        LeafRow convert(CsvRow row) {
            String[] dimensions = new String[dimensionColumns.length];
            for (int d = 0; d < dimensionColumns.length; d++) {
                dimensions[d] = row.value(dimensionColumns[d]);
            }
            return switch (schema.layout()) {
                case CUBE -> LeafRow.of(dimensions, 0, measure(row, 0), measure(row, 1),
                        measure(row, 2), measure(row, 3));
                case LEAF_SERIES -> LeafRow.of(dimensions,
                        values.timestamp(row, schema.timestampColumn(), zone), measure(row, 0),
                        measureColumns.length > 1 ? measure(row, 1) : 1);
                case RECORDS -> LeafRow.of(dimensions, 0, 1, isBad(row) ? 1 : 0);
            };
        }

        private double measure(CsvRow row, int index) {
            return index < measureColumns.length ? values.measure(row, measureColumns[index]) : 0;
        }

        private boolean isBad(CsvRow row) {
            int target = schema.targetColumn();
            if (threshold != null) {
                return values.number(row, target) > threshold;
            }
            return values.label(row, target);
        }
    }
}
