package com.znyw.jobs.focus;

import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.znyw.core.csv.CsvError;
import com.znyw.core.csv.CsvException;
import com.znyw.core.focus.FocusError;
import com.znyw.core.focus.FocusJobStatus;
import com.znyw.core.focus.FocusJobStore;
import com.znyw.core.focus.FocusParameters;
import com.znyw.core.focus.FocusResult;

/**
 * Collects the aggregated leaves in one task and, at the end of the input, runs the search and
 * stores the result in {@code focus_jobs}. It must run with parallelism 1.
 */
final class FocusSearchSink extends RichSinkFunction<LeafRow> {

    /** Leaves kept in memory for the search; a cube of this size needs about 200 MB. */
    static final int MAX_LEAVES = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(FocusSearchSink.class);

    private final FocusPlan plan;
    private transient List<LeafRow> leaves;
    private transient MongoClient client;
    private transient FocusJobStore store;
    private transient boolean tooMany;

    FocusSearchSink(FocusPlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(OpenContext openContext) {
        leaves = new ArrayList<>();
        client = MongoClients.create(plan.mongoUri);
        store = new FocusJobStore(client.getDatabase(plan.database));
    }

    @Override
    public void invoke(LeafRow leaf, Context context) {
        if (leaves.size() < MAX_LEAVES) {
            leaves.add(leaf);
        } else {
            tooMany = true;
        }
    }

    @Override
    public void finish() {
        var job = store.find(plan.jobId);
        if (job.isEmpty() || job.get().status() != FocusJobStatus.RUNNING) {
            // Reading failed and recorded why, or the job was deleted: there is nothing to do.
            LOG.info("Focus job id={} skips the search: status {}", plan.jobId,
                    job.map(j -> j.status().name()).orElse("deleted"));
            return;
        }
        try {
            if (tooMany) {
                throw new CsvException(CsvError.TOO_MANY_LEAVES, 0, "> " + MAX_LEAVES, MAX_LEAVES);
            }
            store.updateProgress(plan.jobId, 0.9, "searching");
            long started = System.nanoTime();
            FocusSearch search = new FocusSearch(plan.layout, plan.dimensions, plan.derived,
                    FocusParameters.fromMap(plan.parameters));
            FocusResult result = search.search(leaves);
            LOG.info("Focus job id={} searched {} leaves in {} ms", plan.jobId, leaves.size(),
                    (System.nanoTime() - started) / 1_000_000);
            store.succeed(plan.jobId, result);
        } catch (CsvException e) {
            LOG.info("Focus job id={} rejected its input: {}", plan.jobId, e.error().key());
            store.fail(plan.jobId, FocusError.of(e));
        } catch (RuntimeException e) {
            LOG.error("Focus job id={} search failed", plan.jobId, e);
            store.fail(plan.jobId, FocusError.internal("Search failed: " + e));
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
