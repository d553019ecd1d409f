package com.znyw.jobs.sink;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.tsdb.LineProtocol;
import com.znyw.jobs.util.LruCache;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes scored points to a time-series store as InfluxDB line protocol through
 * influxdb-client-java's v2 write API (InfluxDB 2.x/3.x, QuestDB's HTTP port).
 *
 * <p>Built on Flink's async sink: points are batched, several batches may be in flight, the
 * buffer is part of each checkpoint, and a full buffer back-pressures the job. Failed batches
 * are retried with backoff until the store accepts them, except when the store rejects the data
 * itself (HTTP 4xx other than 408 and 429), which fails the job rather than dropping points.
 * Writes are idempotent in stores that key a point by series and timestamp, so replaying after
 * a restart does not duplicate points.
 */
public class LineProtocolSink extends AsyncSinkBase<ScoredPoint, String> {

    private static final long serialVersionUID = 1L;
    private static final long MAX_LINE_BYTES = 64 * 1024;

    private final StoreConnection connection;

    public LineProtocolSink(StoreConnection connection, int maxBatchSize, int maxInFlightRequests,
                            int maxBufferedRequests, long maxTimeInBufferMs) {
        super(new LineConverter(), maxBatchSize, maxInFlightRequests, maxBufferedRequests,
                maxBatchSize * MAX_LINE_BYTES, maxTimeInBufferMs, MAX_LINE_BYTES);
        this.connection = connection;
    }

    @Override
    @SuppressWarnings("deprecation")
    public LineProtocolSinkWriter createWriter(InitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    @SuppressWarnings("deprecation")
    public LineProtocolSinkWriter restoreWriter(InitContext context,
                                                Collection<BufferedRequestState<String>> states) {
        return new LineProtocolSinkWriter(getElementConverter(), context, getMaxBatchSize(),
                getMaxInFlightRequests(), getMaxBufferedRequests(), getMaxBatchSizeInBytes(),
                getMaxTimeInBufferMS(), getMaxRecordSizeInBytes(), states, connection);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<String>> getWriterStateSerializer() {
        return new LineStateSerializer();
    }

    /**
     * Turns a scored point into one line of line protocol, caching the tag part per series
     * because formatting and escaping tags is a large share of the sink's cost.
     */
    static final class LineConverter implements ElementConverter<ScoredPoint, String> {

        private static final long serialVersionUID = 1L;
        private static final int MAX_CACHED_SERIES = 50_000;

        private transient Map<String, String> prefixes;
        /** One builder for every line; a writer calls its converter from the task thread only. */
        private transient StringBuilder line;

        @Override
        public String apply(ScoredPoint point, org.apache.flink.api.connector.sink2.SinkWriter.Context context) {
            if (prefixes == null) {
                prefixes = new LruCache<>(MAX_CACHED_SERIES);
                line = new StringBuilder(512);
            }
            String prefix = prefixes.get(point.series);
            if (prefix == null) {
                prefix = LineProtocol.tagPrefix(point);
                prefixes.put(point.series, prefix);
            }
            line.setLength(0);
            LineProtocol.appendLine(line, prefix, point);
            return line.toString();
        }
    }

    /** Stores buffered lines in checkpoints as length-prefixed UTF-8. */
    static final class LineStateSerializer extends AsyncSinkWriterStateSerializer<String> {

        @Override
        protected void serializeRequestToStream(String line, DataOutputStream out)
                throws IOException {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        protected String deserializeRequestFromStream(long requestSize, DataInputStream in)
                throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public int getVersion() {
            return 1;
        }
    }
}
