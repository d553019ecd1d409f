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
 *   significant, and its confidence beats that of every group with one condition fewer by
 *   {@code minImprovement}, so conditions that add nothing are left out. Significance is the
 *   Poisson upper tail of the bad count at the base rate, which bounds the binomial one, against
 *   the tail of {@code minZScore} divided by the number of groups tested (Bonferroni), in the
 *   spirit of STUCCO's corrected significance test (Bay and Pazzani, KDD 1999).</li>
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
        long[] bad = words(table.badRecords(), n);
        long[][][] items = itemBitsets(table);

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
        long tests = 0;
        for (int length = 1; !level.isEmpty(); length++) {
            tests += level.size();
            level.sort(Comparator.comparingInt((Group g) -> g.badRecords).reversed());
            if (level.size() > MAX_GROUPS_PER_LEVEL) {
                // NOTE: very wide tables lose their rarest groups here.
                level = new ArrayList<>(level.subList(0, MAX_GROUPS_PER_LEVEL));
            }
            for (Group g : level) {
                byKey.put(g.key(), g);
            }
            // Bonferroni: every group of this level is one test, and the later levels are
            // assumed to be as large, so the chance that any random group passes stays about
            // that of one test at minZScore.
            double maxPValue = upperTail(config.minZScore())
                    / ((double) level.size() * (config.maxConditions() - length + 1));
            for (Group g : level) {
                if (isRule(g, baseRate, maxPValue, byKey)) {
                    rules.add(g);
                }
            }
            if (length == config.maxConditions()) {
                break;
            }
            level = extend(level, items, bad, table);
        }
        return select(table, rules, bad, baseRate, n,
                upperTail(config.minZScore()) / Math.max(1, tests));
    }

    /** Returns the bitset as words of 64 records each, as {@link BitSet#toLongArray} lays out. */
    private static long[] words(BitSet bits, int n) {
        return Arrays.copyOf(bits.toLongArray(), (n + 63) / 64);
    }

    private static long[][][] itemBitsets(RecordTable table) {
        int wordCount = (table.recordCount() + 63) / 64;
        long[][][] items = new long[table.attributeCount()][][];
        for (int a = 0; a < table.attributeCount(); a++) {
            items[a] = new long[table.cardinality(a)][wordCount];
            for (int r = 0; r < table.recordCount(); r++) {
                items[a][table.code(a, r)][r >>> 6] |= 1L << r;
            }
        }
        return items;
    }

    private List<Group> extend(List<Group> level, long[][][] items, long[] bad,
            RecordTable table) {
        List<Group> next = new ArrayList<>();
        for (Group g : level) {
            int last = g.attributes[g.attributes.length - 1];
            for (int a = last + 1; a < table.attributeCount(); a++) {
                for (int v = 0; v < table.cardinality(a); v++) {
                    // Count first, so that the rows of a child too small to matter are never
                    // allocated.
                    long[] item = items[a][v];
                    int childBad = 0;
                    for (int w = 0; w < bad.length; w++) {
                        childBad += Long.bitCount(g.rows[w] & item[w] & bad[w]);
                    }
                    if (childBad < config.minBadRecords()) {
                        continue;
                    }
                    long[] rows = new long[bad.length];
                    int records = 0;
                    for (int w = 0; w < rows.length; w++) {
                        rows[w] = g.rows[w] & item[w];
                        records += Long.bitCount(rows[w]);
                    }
                    next.add(new Group(append(g.attributes, a), append(g.values, v), rows,
                            records, childBad));
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

    private boolean isRule(Group g, double baseRate, double maxPValue,
            Map<String, Group> byKey) {
        double confidence = g.confidence();
        if (confidence < config.minLift() * baseRate
                || poissonUpperTail(g.badRecords, g.records * baseRate) > maxPValue) {
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

    private List<FocusRule> select(RecordTable table, List<Group> rules, long[] bad,
            double baseRate, int n, double maxPValue) {
        rules.sort(Comparator.comparingDouble((Group g) -> g.excess(baseRate)).reversed());
        long[] taken = new long[bad.length];
        List<FocusRule> result = new ArrayList<>();
        int badTotal = 0;
        for (long w : bad) {
            badTotal += Long.bitCount(w);
        }
        for (Group g : rules) {
            if (result.size() == config.maxRules()) {
                break;
            }
            int freshRecords = 0;
            int freshBad = 0;
            for (int w = 0; w < bad.length; w++) {
                long fresh = g.rows[w] & ~taken[w];
                freshRecords += Long.bitCount(fresh);
                freshBad += Long.bitCount(fresh & bad[w]);
            }
            if (freshBad < config.minBadRecords()
                    || freshBad < config.minLift() * baseRate * freshRecords
                    || poissonUpperTail(freshBad, freshRecords * baseRate) > maxPValue) {
                continue;
            }
            for (int w = 0; w < taken.length; w++) {
                taken[w] |= g.rows[w];
            }
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

    /**
     * Returns P(X >= k) for a Poisson variable of mean {@code mean}. For k at least the mean
     * plus 1 it is at least the binomial tail of the same mean (checked numerically for groups
     * of 5 to 300 records), so it errs towards calling a group normal. Unlike the normal
     * approximation, it does not call a few chance failures in a small group significant.
     */
    static double poissonUpperTail(int k, double mean) {
        if (k <= 0) {
            return 1;
        }
        if (mean <= 0) {
            return 0;
        }
        if (k <= mean) {
            // Not in the upper tail: no group there can be a rule, so its exact value is not needed.
            return 1;
        }
        double logTerm = -mean + k * Math.log(mean) - logFactorial(k);
        double term = Math.exp(logTerm);
        double sum = 0;
        for (int j = k; term > 0 && term >= sum * 1e-15; j++) {
            sum += term;
            term *= mean / (j + 1);
        }
        return Math.min(1, sum);
    }

    private static double logFactorial(int k) {
        if (k < 2) {
            return 0;
        }
        if (k < 256) {
            double sum = 0;
            for (int i = 2; i <= k; i++) {
                sum += Math.log(i);
            }
            return sum;
        }
        // Stirling's series; its error is below 1e-10 from k = 256 on.
        double x = k;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x)
                - 1 / (360 * x * x * x);
    }

    /**
     * Returns P(Z > z) of the standard normal distribution, from the complementary error
     * function approximation 7.1.26 of Abramowitz and Stegun (absolute error below 1.5e-7).
     */
    static double upperTail(double z) {
        if (z < 0) {
            return 1 - upperTail(-z);
        }
        double x = z / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                + t * (-1.453152027 + t * 1.061405429))));
        return 0.5 * poly * Math.exp(-x * x);
    }

    /** A conjunction of attribute values with its records. */
    private static final class Group {
        final int[] attributes;
        final int[] values;
        /** Records of the group, 64 per word. */
        final long[] rows;
        final int records;
        final int badRecords;

        private Group(int[] attributes, int[] values, long[] rows, int records, int badRecords) {
            this.attributes = attributes;
            this.values = values;
            this.rows = rows;
            this.records = records;
            this.badRecords = badRecords;
        }

        static Group of(int[] attributes, int[] values, long[] rows, long[] bad) {
            int records = 0;
            int badRecords = 0;
            for (int w = 0; w < rows.length; w++) {
                records += Long.bitCount(rows[w]);
                badRecords += Long.bitCount(rows[w] & bad[w]);
            }
            return new Group(attributes, values, rows, records, badRecords);
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
