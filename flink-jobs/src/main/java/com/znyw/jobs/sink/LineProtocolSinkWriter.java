package com.znyw.jobs.sink;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import com.znyw.core.model.ScoredPoint;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches of lines with the blocking write API on a small thread pool, one thread per
 * in-flight request, and reports each outcome back to Flink's async sink.
 */
class LineProtocolSinkWriter extends AsyncSinkWriter<ScoredPoint, String> {

    private static final Logger LOG = LoggerFactory.getLogger(LineProtocolSinkWriter.class);
    private static final long INITIAL_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final StoreConnection connection;
    private final InfluxDBClient client;
    private final WriteApiBlocking writeApi;
    private final ExecutorService executor;
    /** Consecutive failed attempts, for the backoff; reset by a successful write. */
    private final AtomicLong consecutiveFailures = new AtomicLong();

    @SuppressWarnings("deprecation")
    LineProtocolSinkWriter(ElementConverter<ScoredPoint, String> converter,
                           org.apache.flink.api.connector.sink2.Sink.InitContext context,
                           int maxBatchSize, int maxInFlightRequests, int maxBufferedRequests,
                           long maxBatchSizeInBytes, long maxTimeInBufferMs,
                           long maxRecordSizeInBytes,
                           Collection<BufferedRequestState<String>> states,
                           StoreConnection connection) {
        super(converter, context, maxBatchSize, maxInFlightRequests, maxBufferedRequests,
                maxBatchSizeInBytes, maxTimeInBufferMs, maxRecordSizeInBytes, states);
        this.connection = connection;
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
                .url(connection.url())
                .org(connection.org())
                .bucket(connection.bucket());
        if (connection.token() != null && !connection.token().isEmpty()) {
            options.authenticateToken(connection.token().toCharArray());
        }
        this.client = InfluxDBClientFactory.create(options.build());
        this.writeApi = client.getWriteApiBlocking();
        this.executor = Executors.newFixedThreadPool(maxInFlightRequests, runnable -> {
            Thread thread = new Thread(runnable, "kpi-score-writer");
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("Opened time-series sink writer for {}", connection);
    }

    @Override
    protected void submitRequestEntries(List<String> lines, ResultHandler<String> result) {
        executor.execute(() -> write(lines, result));
    }

    @Override
    protected void submitRequestEntries(List<String> lines, Consumer<List<String>> requestToRetry) {
        throw new UnsupportedOperationException("the ResultHandler variant is used");
    }

    private void write(List<String> lines, ResultHandler<String> result) {
        try {
            writeApi.writeRecords(WritePrecision.MS, lines);
            LOG.debug("Wrote {} lines to {}", lines.size(), connection.url());
            consecutiveFailures.set(0);
            result.complete();
        } catch (InfluxException e) {
            if (isRejectedData(e.status())) {
                LOG.error("Time-series store at {} rejected a batch of {} lines with HTTP {}: {}",
                        connection.url(), lines.size(), e.status(), e.getMessage());
                result.completeExceptionally(new IllegalStateException("time-series store at "
                        + connection.url() + " rejected " + lines.size() + " lines with HTTP "
                        + e.status() + ": " + e.getMessage(), e));
                return;
            }
            retryLater(lines, result, e);
        } catch (RuntimeException e) {
            retryLater(lines, result, e);
        }
    }

    private void retryLater(List<String> lines, ResultHandler<String> result, Exception cause) {
        long failures = consecutiveFailures.incrementAndGet();
        long backoffMs = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS << Math.min(failures, 10));
        LOG.warn("Write of {} lines to {} failed (attempt {}), retrying in {} ms: {}",
                lines.size(), connection.url(), failures, backoffMs, cause.toString());
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        result.retryForEntries(lines);
    }

    /** Tells whether a status rejects the data itself: any 4xx except timeout and rate limiting. */
    private static boolean isRejectedData(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    @Override
    protected long getSizeInBytes(String line) {
        return line.length();
    }

    @Override
    public void close() {
        super.close();
        executor.shutdownNow();
        client.close();
        LOG.info("Closed time-series sink writer for {}", connection.url());
    }
}
