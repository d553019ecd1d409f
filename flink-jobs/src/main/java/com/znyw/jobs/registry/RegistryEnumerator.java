package com.znyw.jobs.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands the single {@link RegistrySplit} to the first registered reader, again after a failure. */
final class RegistryEnumerator implements SplitEnumerator<RegistrySplit, Boolean> {

    private final SplitEnumeratorContext<RegistrySplit> context;
    private final List<RegistrySplit> unassigned = new ArrayList<>();

    RegistryEnumerator(SplitEnumeratorContext<RegistrySplit> context, boolean assigned) {
        this.context = context;
        if (!assigned) {
            unassigned.add(new RegistrySplit(0));
        }
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
    }

    @Override
    public void addSplitsBack(List<RegistrySplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        assignIfPossible();
    }

    @Override
    public void addReader(int subtaskId) {
        assignIfPossible();
    }

    private void assignIfPossible() {
        if (unassigned.isEmpty() || context.registeredReaders().isEmpty()) {
            return;
        }
        int reader = context.registeredReaders().keySet().stream().min(Integer::compare)
                .orElseThrow();
        context.assignSplit(unassigned.remove(0), reader);
        unassigned.clear();
    }

    @Override
    public Boolean snapshotState(long checkpointId) {
        return unassigned.isEmpty();
    }

    @Override
    public void close() {
    }
}
