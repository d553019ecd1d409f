package com.znyw.jobs.focus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.znyw.core.focus.FocusFinding;

/**
 * Finds the attribute combinations where bad records concentrate, from leaves that carry the
 * record count and bad count of each attribute tuple.
 *
 * <p>A finding's score is its excess as a share of all bad records, its deviation share the
 * share of all bad records that it contains.
 *
 * <p>Every combination of up to {@code maxLayer} attributes that occurs in the data is scored by
 * its excess of bad records over the overall bad share, {@code bad - records * badShare}: the
 * bad records that the combination explains. That favours the combination that matches the
 * cause: a broader one adds good records and loses excess, a narrower one loses bad records.
 * Combinations are taken greedily by excess, skipping those that contain or are contained in
 * one already taken or whose excess lies mostly in records that earlier rules cover. A rule
 * needs a lift of at least {@value #MIN_LIFT} and an excess of at least {@value #MIN_SCORE} of
 * all bad records.
 *
 * <p>It works on aggregated leaves, so its memory does not grow with the number of records;
 * {@link FocusSearch} uses it for tables too large for the record-level miner of libs/ml.
 */
final class RecordRules {

    static final double MIN_LIFT = 1.2;
    /** A rule must explain at least this share of all bad records beyond the overall share. */
    static final double MIN_SCORE = 0.02;
    /** A rule whose excess lies mostly in records of earlier rules adds no new cause. */
    static final double MIN_NEW_SHARE = 0.5;
    private static final int MIN_BAD_RECORDS = 2;

    private final List<String> dimensions;
    private final int maxLayer;
    private final int maxRules;

    RecordRules(List<String> dimensions, int maxLayer, int maxRules) {
        this.dimensions = List.copyOf(dimensions);
        this.maxLayer = Math.min(maxLayer, dimensions.size());
        this.maxRules = maxRules;
    }

    /** Returns the ranked rules; leaf measures are [records, bad records]. */
    List<FocusFinding> search(List<LeafRow> leaves) {
        double totalRecords = 0;
        double totalBad = 0;
        for (LeafRow leaf : leaves) {
            totalRecords += leaf.measures[0];
            totalBad += leaf.measures[1];
        }
        if (totalBad == 0 || totalRecords == 0) {
            return List.of();
        }
        double badShare = totalBad / totalRecords;

        List<Candidate> candidates = new ArrayList<>();
        for (int[] cuboid : cuboids()) {
            Map<String, Candidate> groups = new HashMap<>();
            for (int i = 0; i < leaves.size(); i++) {
                LeafRow leaf = leaves.get(i);
                String key = key(leaf, cuboid);
                Candidate candidate = groups.computeIfAbsent(key,
                        k -> new Candidate(cuboid, leaf.dimensions));
                candidate.records += leaf.measures[0];
                candidate.bad += leaf.measures[1];
                candidate.leafIndexes.add(i);
            }
            for (Candidate candidate : groups.values()) {
                double confidence = candidate.bad / candidate.records;
                candidate.excess = candidate.bad - candidate.records * badShare;
                if (candidate.bad >= MIN_BAD_RECORDS && confidence >= MIN_LIFT * badShare
                        && candidate.excess >= MIN_SCORE * totalBad) {
                    candidates.add(candidate);
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.excess)
                .thenComparingInt(c -> c.cuboid.length));

        List<Candidate> taken = new ArrayList<>();
        boolean[] covered = new boolean[leaves.size()];
        for (Candidate candidate : candidates) {
            if (taken.size() == maxRules) {
                break;
            }
            if (taken.stream().anyMatch(t -> t.nestsWith(candidate))
                    || newExcess(candidate, leaves, covered, badShare)
                            < MIN_NEW_SHARE * candidate.excess) {
                continue;
            }
            taken.add(candidate);
            for (int leaf : candidate.leafIndexes) {
                covered[leaf] = true;
            }
        }

        List<FocusFinding> findings = new ArrayList<>();
        for (Candidate candidate : taken) {
            Map<String, String> conditions = candidate.conditions(dimensions);
            double confidence = candidate.bad / candidate.records;
            findings.add(new FocusFinding(findings.size() + 1, combination(conditions),
                    conditions, candidate.excess / totalBad, candidate.bad / totalBad,
                    candidate.records / totalRecords, candidate.leafIndexes.size(), candidate.bad,
                    candidate.records * badShare, (long) candidate.records, (long) candidate.bad,
                    confidence, confidence / badShare));
        }
        return findings;
    }

    /** Returns the excess of the candidate's leaves that no earlier rule covers. */
    private static double newExcess(Candidate candidate, List<LeafRow> leaves, boolean[] covered,
            double badShare) {
        double excess = 0;
        for (int index : candidate.leafIndexes) {
            if (!covered[index]) {
                LeafRow leaf = leaves.get(index);
                excess += leaf.measures[1] - leaf.measures[0] * badShare;
            }
        }
        return excess;
    }

    private List<int[]> cuboids() {
        List<int[]> cuboids = new ArrayList<>();
        for (int layer = 1; layer <= maxLayer; layer++) {
            addCombinations(new int[layer], 0, 0, cuboids);
        }
        return cuboids;
    }

    private void addCombinations(int[] current, int index, int from, List<int[]> out) {
        if (index == current.length) {
            out.add(current.clone());
            return;
        }
        for (int d = from; d < dimensions.size(); d++) {
            current[index] = d;
            addCombinations(current, index + 1, d + 1, out);
        }
    }

    private static String key(LeafRow leaf, int[] cuboid) {
        StringBuilder key = new StringBuilder();
        for (int d : cuboid) {
            key.append(leaf.dimensions[d]).append(LeafRow.SEPARATOR);
        }
        return key.toString();
    }

    private static String combination(Map<String, String> conditions) {
        StringBuilder text = new StringBuilder();
        conditions.forEach((dimension, value) -> {
            if (text.length() > 0) {
                text.append('&');
            }
            text.append(dimension).append('=').append(value);
        });
        return text.toString();
    }

    /** One combination of attribute values with its counts. */
    private static final class Candidate {
        final int[] cuboid;
        final String[] values;
        double records;
        double bad;
        double excess;
        final List<Integer> leafIndexes = new ArrayList<>();

        Candidate(int[] cuboid, String[] leafValues) {
            this.cuboid = cuboid;
            this.values = new String[cuboid.length];
            for (int i = 0; i < cuboid.length; i++) {
                values[i] = leafValues[cuboid[i]];
            }
        }

        /** Tells whether one of the two combinations contains the other's records. */
        boolean nestsWith(Candidate other) {
            return covers(other) || other.covers(this);
        }

        /** Tells whether every condition of this combination is also one of {@code other}. */
        private boolean covers(Candidate other) {
            for (int i = 0; i < cuboid.length; i++) {
                boolean found = false;
                for (int j = 0; j < other.cuboid.length; j++) {
                    if (other.cuboid[j] == cuboid[i] && other.values[j].equals(values[i])) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        /** Returns the conditions sorted by dimension name. */
        Map<String, String> conditions(List<String> dimensions) {
            Map<String, String> sorted = new java.util.TreeMap<>();
            for (int i = 0; i < cuboid.length; i++) {
                sorted.put(dimensions.get(cuboid[i]), values[i]);
            }
            return new LinkedHashMap<>(sorted);
        }
    }
}
