package com.znyw.ml.rca;

import java.util.Arrays;

/**
 * Open-addressing map from a {@code long} key to a dense {@code int} index 0, 1, 2, ... in
 * order of insertion, so that per-key statistics can live in flat arrays without boxing.
 */
final class LongIndexMap {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private int[] indexes;
    private int size;

    LongIndexMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
        keys = new long[capacity];
        indexes = new int[capacity];
        Arrays.fill(keys, EMPTY);
    }

    int size() {
        return size;
    }

    /** Returns the index of the key, or -1 when the key is absent. */
    int get(long key) {
        if (key == EMPTY) {
            return -1;
        }
        int slot = slotOf(key);
        return keys[slot] == key ? indexes[slot] : -1;
    }

    /** Returns the index of the key, adding it with the next free index when absent. */
    int getOrAdd(long key) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("key " + key + " is reserved");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int slot = slotOf(key);
        if (keys[slot] != key) {
            keys[slot] = key;
            indexes[slot] = size++;
        }
        return indexes[slot];
    }

    /** Returns the slot of the key, or the empty slot where linear probing for it stops. */
    private int slotOf(long key) {
        int mask = keys.length - 1;
        int slot = hash(key) & mask;
        while (keys[slot] != key && keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIndexes = indexes;
        keys = new long[oldKeys.length * 2];
        indexes = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                indexes[slot] = oldIndexes[i];
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
