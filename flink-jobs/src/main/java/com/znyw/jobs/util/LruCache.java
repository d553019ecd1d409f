package com.znyw.jobs.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code maxEntries}, dropping the least recently used entry first.
 * Operators use it for per-series values that are cheap to recompute but costly per record.
 * Not thread-safe, like the operator instance that owns it.
 */
public final class LruCache<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int maxEntries;

    public LruCache(int maxEntries) {
        super(1024, 0.75f, true);
        this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
    }
}
