package com.znyw.ml.focus;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the groups of records, defined by a few attribute values, where bad records concentrate:
 * contrast-set mining of bad against good records with pruning, then sequential covering.
 *
 * <p>Steps:
 * <ol>
 *   <li><b>Enumeration.</b> Level-wise (Apriori, Agrawal and Srikant, VLDB 1994) over
 *   conjunctions of at most {@code maxConditions} attribute values, one value per attribute,
 *   each group held as a bitset of its records. A group with fewer than {@code minBadRecords}
 *   bad records is not extended, since its extensions cannot have more.</li>
 *   <li><b>Pruning.</b> A group is a rule if its lift reaches {@code minLift}, its bad count is
 *   significant (one-sided z-score against the base rate, as in STUCCO's significance test, Bay
 *   and Pazzani, KDD 1999), and its confidence beats that of every group with one condition fewer
 *   by {@code minImprovement}, so conditions that add nothing are left out.</li>
 *   <li><b>Selection.</b> Rules are ranked by weighted relative accuracy,
 *   {@code support * (confidence - base rate)}, the usual subgroup-discovery quality (Lavrac et
 *   al., JMLR 2004). They are taken in that order, each judged again on the records that no
 *   earlier pick holds, so a second rule must explain bad records of its own.</li>
 * </ol>
 *
 * <p>NOTE: attributes are categorical; a numeric attribute has to be binned by the caller.
 * Calls keep no shared state, so one instance can serve several threads.
 */
public final class ContrastSetMiner implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Largest number of groups kept per level, by bad count. Each group keeps a bitset of all
     * records, so this bounds memory to about {@code MAX_GROUPS_PER_LEVEL * records / 8} bytes.
     */
    static final int MAX_GROUPS_PER_LEVEL = 2_000;

    private final FocusConfig config;

    public ContrastSetMiner() {
        this(FocusConfig.defaults());
    }

    public ContrastSetMiner(FocusConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is required; use FocusConfig.defaults()");
        }
        this.config = config;
    }

    /** Returns the rules, best first; empty when no records, or all or none are bad. */
    public List<FocusRule> mine(RecordTable table) {
        int n = table.recordCount();
        int badTotal = table.badCount();
        if (n == 0 || badTotal == 0 || badTotal == n) {
            return List.of();
        }
        double baseRate = (double) badTotal / n;
        BitSet bad = table.badRecords();
        BitSet[][] items = itemBitsets(table);

        Map<String, Group> byKey = new HashMap<>();
        List<Group> rules = new ArrayList<>();
        List<Group> level = new ArrayList<>();
        for (int a = 0; a < table.attributeCount(); a++) {
            for (int v = 0; v < table.cardinality(a); v++) {
                Group g = Group.of(new int[] {a}, new int[] {v}, items[a][v], bad);
                if (g.badRecords >= config.minBadRecords()) {
                    level.add(g);
                }
            }
        }
        for (int length = 1; !level.isEmpty(); length++) {
            level.sort(Comparator.comparingInt((Group g) -> g.badRecords).reversed());
            if (level.size() > MAX_GROUPS_PER_LEVEL) {
                // NOTE: very wide tables lose their rarest groups here.
                level = new ArrayList<>(level.subList(0, MAX_GROUPS_PER_LEVEL));
            }
            for (Group g : level) {
                byKey.put(g.key(), g);
            }
            for (Group g : level) {
                if (isRule(g, baseRate, n, byKey)) {
                    rules.add(g);
                }
            }
            if (length == config.maxConditions()) {
                break;
            }
            level = extend(level, items, bad, table);
        }
        return select(table, rules, bad, baseRate, n);
    }

    private static BitSet[][] itemBitsets(RecordTable table) {
        BitSet[][] items = new BitSet[table.attributeCount()][];
        for (int a = 0; a < table.attributeCount(); a++) {
            items[a] = new BitSet[table.cardinality(a)];
            for (int v = 0; v < items[a].length; v++) {
                items[a][v] = new BitSet(table.recordCount());
            }
            for (int r = 0; r < table.recordCount(); r++) {
                items[a][table.code(a, r)].set(r);
            }
        }
        return items;
    }

    private List<Group> extend(List<Group> level, BitSet[][] items, BitSet bad, RecordTable table) {
        List<Group> next = new ArrayList<>();
        for (Group g : level) {
            int last = g.attributes[g.attributes.length - 1];
            for (int a = last + 1; a < table.attributeCount(); a++) {
                for (int v = 0; v < table.cardinality(a); v++) {
                    BitSet rows = (BitSet) g.rows.clone();
                    rows.and(items[a][v]);
                    Group child = Group.of(append(g.attributes, a), append(g.values, v), rows, bad);
                    if (child.badRecords >= config.minBadRecords()) {
                        next.add(child);
                    }
                }
            }
        }
        return next;
    }

    private static int[] append(int[] array, int value) {
        int[] result = Arrays.copyOf(array, array.length + 1);
        result[array.length] = value;
        return result;
    }

    private boolean isRule(Group g, double baseRate, int n, Map<String, Group> byKey) {
        double confidence = g.confidence();
        if (confidence < config.minLift() * baseRate
                || zScore(g.badRecords, g.records, baseRate) < config.minZScore()) {
            return false;
        }
        if (g.attributes.length == 1) {
            return confidence >= baseRate + config.minImprovement();
        }
        for (int drop = 0; drop < g.attributes.length; drop++) {
            Group parent = byKey.get(Group.key(g.attributes, g.values, drop));
            // A parent missing from the map was cut by MAX_GROUPS_PER_LEVEL; judge without it.
            if (parent != null && confidence < parent.confidence() + config.minImprovement()) {
                return false;
            }
        }
        return true;
    }

    private List<FocusRule> select(RecordTable table, List<Group> rules, BitSet bad,
            double baseRate, int n) {
        rules.sort(Comparator.comparingDouble((Group g) -> g.excess(baseRate)).reversed());
        BitSet taken = new BitSet(n);
        List<FocusRule> result = new ArrayList<>();
        int badTotal = bad.cardinality();
        for (Group g : rules) {
            if (result.size() == config.maxRules()) {
                break;
            }
            BitSet fresh = (BitSet) g.rows.clone();
            fresh.andNot(taken);
            int freshRecords = fresh.cardinality();
            fresh.and(bad);
            int freshBad = fresh.cardinality();
            if (freshBad < config.minBadRecords()
                    || freshBad < config.minLift() * baseRate * freshRecords
                    || zScore(freshBad, freshRecords, baseRate) < config.minZScore()) {
                continue;
            }
            taken.or(g.rows);
            List<FocusRule.Condition> conditions = new ArrayList<>();
            for (int i = 0; i < g.attributes.length; i++) {
                conditions.add(new FocusRule.Condition(table.attribute(g.attributes[i]),
                        table.value(g.attributes[i], g.values[i])));
            }
            double confidence = g.confidence();
            result.add(new FocusRule(conditions, g.records, g.badRecords, (double) g.records / n,
                    confidence, confidence / baseRate, (double) g.badRecords / badTotal,
                    g.excess(baseRate) / n));
        }
        return result;
    }

    /** Returns the one-sided z-score of {@code bad} of {@code records} against the base rate. */
    static double zScore(int bad, int records, double baseRate) {
        if (records == 0) {
            return 0;
        }
        double expected = records * baseRate;
        return (bad - expected) / Math.sqrt(expected * (1 - baseRate));
    }

    /** A conjunction of attribute values with its records. */
    private static final class Group {
        final int[] attributes;
        final int[] values;
        final BitSet rows;
        final int records;
        final int badRecords;

        private Group(int[] attributes, int[] values, BitSet rows, int records, int badRecords) {
            this.attributes = attributes;
            this.values = values;
            this.rows = rows;
            this.records = records;
            this.badRecords = badRecords;
        }

        static Group of(int[] attributes, int[] values, BitSet rows, BitSet bad) {
            BitSet badRows = (BitSet) rows.clone();
            badRows.and(bad);
            return new Group(attributes, values, rows, rows.cardinality(), badRows.cardinality());
        }

        double confidence() {
            return records == 0 ? 0 : (double) badRecords / records;
        }

        /** Returns the number of bad records above what the base rate predicts. */
        double excess(double baseRate) {
            return badRecords - records * baseRate;
        }

        String key() {
            return key(attributes, values, -1);
        }

        /** Returns the key of the group without its condition at index {@code skip}. */
        static String key(int[] attributes, int[] values, int skip) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < attributes.length; i++) {
                if (i != skip) {
                    sb.append(attributes[i]).append(':').append(values[i]).append(';');
                }
            }
            return sb.toString();
        }
    }
}
