package com.znyw.jobs.focus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.znyw.core.csv.CsvError;
import com.znyw.core.csv.CsvException;
import com.znyw.core.csv.TableLayout;
import com.znyw.core.focus.FocusFinding;
import com.znyw.core.focus.FocusParameters;
import com.znyw.core.focus.FocusResult;
import com.znyw.ml.focus.ContrastSetMiner;
import com.znyw.ml.focus.FocusConfig;
import com.znyw.ml.focus.FocusRule;
import com.znyw.ml.focus.RecordTable;
import com.znyw.ml.rca.Cube;
import com.znyw.ml.rca.LocalizerConfig;
import com.znyw.ml.rca.RippleCoverLocalizer;
import com.znyw.ml.rca.RootCause;

/**
 * Turns aggregated leaves into a cube and runs the root-cause search on it, or for records the
 * rule search. Plain Java, so it
 * can be tested without Flink.
 *
 * <ul>
 *   <li>cube: the leaves as given;</li>
 *   <li>leaf time series: the real value is the leaf's value at the anomaly time (0 when the
 *   leaf has no row then), the expected value is the median of its earlier points, up to
 *   {@code historyPoints} of them (0 for a leaf that is new at the anomaly time). A derived
 *   measure forecasts numerator and denominator separately;</li>
 *   <li>records: no cube; the contrast-set miner of libs/ml ({@link ContrastSetMiner}), or
 *   {@link RecordRules} above {@value #MAX_MINED_RECORDS} records, ranks the combinations where
 *   bad records concentrate, with support, confidence and lift. The totals are the bad records
 *   and the records times the overall bad share.</li>
 * </ul>
 */
final class FocusSearch {

    /**
     * Records up to which the contrast-set miner of libs/ml runs on the records themselves. It
     * keeps a bitset of all records per candidate group, so larger tables use
     * {@link RecordRules} on the aggregated leaves instead.
     */
    static final long MAX_MINED_RECORDS = 500_000;

    private final TableLayout layout;
    private final List<String> dimensions;
    private final boolean derived;
    private final FocusParameters parameters;

    FocusSearch(TableLayout layout, List<String> dimensions, boolean derived,
            FocusParameters parameters) {
        this.layout = layout;
        this.dimensions = List.copyOf(dimensions);
        this.derived = derived;
        this.parameters = parameters;
    }

    /**
     * Runs the search.
     *
     * @throws CsvException when a leaf time series has no row at the anomaly time or no history
     */
    FocusResult search(List<LeafRow> leaves) {
        long rowCount = leaves.stream().mapToLong(leaf -> leaf.rows).sum();
        if (layout == TableLayout.RECORDS) {
            double[][] measures = recordMeasures(leaves);
            double[] totals = totals(measures);
            List<FocusFinding> findings = rowCount <= MAX_MINED_RECORDS
                    ? mineRules(leaves)
                    : new RecordRules(dimensions, parameters.maxLayer(),
                            parameters.maxRootCauses()).search(leaves);
            return new FocusResult(layout.apiName(), "bad_records", dimensions, rowCount,
                    leaves.size(), totals[0], totals[1], null, findings);
        }

        Long anomalyTime = null;
        double[][] measures;
        if (layout == TableLayout.LEAF_SERIES) {
            anomalyTime = anomalyTime(leaves);
            measures = seriesMeasures(leaves, anomalyTime);
        } else {
            measures = cubeMeasures(leaves);
        }
        Cube.Builder builder = new Cube.Builder(dimensions.toArray(String[]::new));
        for (int i = 0; i < leaves.size(); i++) {
            double[] m = measures[i];
            if (derived) {
                builder.add(leaves.get(i).dimensions, m[0], m[1], m[2], m[3]);
            } else {
                builder.add(leaves.get(i).dimensions, m[0], m[1]);
            }
        }
        Cube cube = builder.build();
        LocalizerConfig defaults = LocalizerConfig.defaults();
        LocalizerConfig config = new LocalizerConfig(defaults.purityThreshold(),
                defaults.minDeviation(), parameters.maxLayer(), parameters.maxRootCauses(),
                defaults.minRelativeScore());
        List<RootCause> causes = new RippleCoverLocalizer(config).localize(cube);

        List<FocusFinding> findings = new ArrayList<>();
        for (RootCause cause : causes) {
            findings.add(finding(findings.size() + 1, cause));
        }
        double[] totals = totals(measures);
        return new FocusResult(layout.apiName(), derived ? "derived" : "fundamental", dimensions,
                rowCount, leaves.size(), totals[0], totals[1], anomalyTime, findings);
    }

    /** Expands the leaves back into records and runs {@link ContrastSetMiner} on them. */
    private List<FocusFinding> mineRules(List<LeafRow> leaves) {
        RecordTable.Builder table = new RecordTable.Builder(dimensions.toArray(String[]::new));
        for (LeafRow leaf : leaves) {
            long records = (long) leaf.measures[0];
            long bad = (long) leaf.measures[1];
            for (long i = 0; i < records; i++) {
                table.add(leaf.dimensions, i < bad);
            }
        }
        RecordTable records = table.build();
        FocusConfig defaults = FocusConfig.defaults();
        FocusConfig config = new FocusConfig(parameters.maxLayer(), defaults.minBadRecords(),
                defaults.minLift(), defaults.minZScore(), defaults.minImprovement(),
                parameters.maxRootCauses());
        double badShare = records.recordCount() > 0
                ? (double) records.badCount() / records.recordCount() : 0;
        List<FocusFinding> findings = new ArrayList<>();
        for (FocusRule rule : new ContrastSetMiner(config).mine(records)) {
            Map<String, String> conditions = new LinkedHashMap<>();
            for (FocusRule.Condition condition : rule.conditions()) {
                conditions.put(condition.attribute(), condition.value());
            }
            int leafCount = (int) leaves.stream().filter(leaf -> matches(leaf, conditions)).count();
            findings.add(new FocusFinding(findings.size() + 1, rule.combination(), conditions,
                    rule.score(), rule.coverage(), rule.support(), leafCount, rule.badRecords(),
                    rule.records() * badShare, (long) rule.records(), (long) rule.badRecords(),
                    rule.confidence(), rule.lift()));
        }
        return findings;
    }

    private boolean matches(LeafRow leaf, Map<String, String> conditions) {
        for (Map.Entry<String, String> condition : conditions.entrySet()) {
            if (!leaf.dimensions[dimensions.indexOf(condition.getKey())].equals(condition.getValue())) {
                return false;
            }
        }
        return true;
    }

    private double[][] cubeMeasures(List<LeafRow> leaves) {
        double[][] measures = new double[leaves.size()][];
        for (int i = 0; i < leaves.size(); i++) {
            measures[i] = leaves.get(i).measures.clone();
        }
        return measures;
    }

    private long anomalyTime(List<LeafRow> leaves) {
        Long chosen = parameters.anomalyTime();
        long latest = Long.MIN_VALUE;
        boolean found = false;
        boolean history = false;
        for (LeafRow leaf : leaves) {
            if (leaf.times.length > 0) {
                latest = Math.max(latest, leaf.times[leaf.times.length - 1]);
            }
        }
        long time = chosen != null ? chosen : latest;
        for (LeafRow leaf : leaves) {
            found |= Arrays.binarySearch(leaf.times, time) >= 0;
            history |= leaf.times.length > 0 && leaf.times[0] < time;
        }
        if (!found) {
            throw new CsvException(CsvError.ANOMALY_TIME_NOT_FOUND, 0,
                    chosen == null ? "-" : Instant.ofEpochMilli(chosen).atZone(
                            parameters.timeZone()).toLocalDateTime());
        }
        if (!history) {
            throw new CsvException(CsvError.INVALID_PARAMETER, 0, FocusParameters.ANOMALY_TIME,
                    Instant.ofEpochMilli(time).atZone(parameters.timeZone()).toLocalDateTime(),
                    "a time with earlier rows to forecast from");
        }
        return time;
    }

    private double[][] seriesMeasures(List<LeafRow> leaves, long anomalyTime) {
        double[][] measures = new double[leaves.size()][];
        for (int i = 0; i < leaves.size(); i++) {
            LeafRow leaf = leaves.get(i);
            int at = Arrays.binarySearch(leaf.times, anomalyTime);
            int end = at >= 0 ? at : -at - 1;
            int start = Math.max(0, end - parameters.historyPoints());
            double real = at >= 0 ? leaf.values[at] : 0;
            double realDenominator = at >= 0 ? leaf.denominators[at] : 0;
            double predict = median(leaf.values, start, end);
            double predictDenominator = median(leaf.denominators, start, end);
            measures[i] = new double[] {real, predict, realDenominator, predictDenominator};
        }
        return measures;
    }

    private static double median(double[] values, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double[] window = Arrays.copyOfRange(values, from, to);
        Arrays.sort(window);
        int middle = window.length / 2;
        return window.length % 2 == 1 ? window[middle] : (window[middle - 1] + window[middle]) / 2;
    }

    private double[][] recordMeasures(List<LeafRow> leaves) {
        double records = 0;
        double bad = 0;
        for (LeafRow leaf : leaves) {
            records += leaf.measures[0];
            bad += leaf.measures[1];
        }
        double badShare = records > 0 ? bad / records : 0;
        double[][] measures = new double[leaves.size()][];
        for (int i = 0; i < leaves.size(); i++) {
            LeafRow leaf = leaves.get(i);
            measures[i] = new double[] {leaf.measures[1], leaf.measures[0] * badShare};
        }
        return measures;
    }

    private double[] totals(double[][] measures) {
        double real = 0;
        double expected = 0;
        double realDenominator = 0;
        double expectedDenominator = 0;
        for (double[] m : measures) {
            real += m[0];
            expected += m[1];
            if (m.length == 4) {
                realDenominator += m[2];
                expectedDenominator += m[3];
            }
        }
        if (derived && layout != TableLayout.RECORDS) {
            return new double[] {ratio(real, realDenominator), ratio(expected, expectedDenominator)};
        }
        return new double[] {real, expected};
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : 0;
    }

    private static FocusFinding finding(int rank, RootCause cause) {
        Map<String, String> conditions = new LinkedHashMap<>();
        for (RootCause.Condition condition : cause.conditions()) {
            conditions.put(condition.dimension(), condition.value());
        }
        return new FocusFinding(rank, cause.combination(), conditions, cause.score(),
                cause.deviationShare(), cause.support(), cause.leafCount(), cause.real(),
                cause.expected(), null, null, null, null);
    }
}
