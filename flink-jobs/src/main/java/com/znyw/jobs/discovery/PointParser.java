package com.znyw.jobs.discovery;

import com.znyw.core.model.InvalidRecordException;
import com.znyw.core.model.KpiPoint;
import com.znyw.core.model.KpiPointCodec;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses JSON KPI points. A record that cannot be parsed goes to {@link #INVALID} as
 * {@code reason<TAB>record} and is counted in the metric {@code invalidRecords}; the job keeps
 * going.
 */
final class PointParser extends ProcessFunction<String, SeriesPoint> {

    static final OutputTag<String> INVALID = new OutputTag<>("invalid-points") { };

    private static final Logger LOG = LoggerFactory.getLogger(PointParser.class);
    private static final long LOG_EVERY = 1000;

    private transient KpiPointCodec codec;
    private transient Counter invalidRecords;

    @Override
    public void open(Configuration parameters) {
        codec = new KpiPointCodec();
        invalidRecords = getRuntimeContext().getMetricGroup().counter("invalidRecords");
    }

    @Override
    public void processElement(String record, Context context, Collector<SeriesPoint> out) {
        KpiPoint point;
        try {
            point = codec.parse(record);
        } catch (InvalidRecordException e) {
            invalidRecords.inc();
            // The first and then every 1000th rejection is logged, without the record itself,
            // which may contain customer data.
            if (invalidRecords.getCount() % LOG_EVERY == 1) {
                LOG.warn("Rejected invalid KPI point ({} so far): {}", invalidRecords.getCount(),
                        e.getMessage());
            }
            context.output(INVALID, e.getMessage() + "\t" + record);
            return;
        }
        out.collect(new SeriesPoint(point.seriesKey().toString(), point.ts, point.value));
    }
}
