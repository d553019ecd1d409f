package com.znyw.ml.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ContrastSetMinerTest {

    private static final String[] ATTRIBUTES = {"region", "channel", "product", "branch"};
    private static final String[][] VALUES = {
        {"east", "west", "north", "south"},
        {"app", "web", "counter"},
        {"loan", "card", "deposit", "fund", "insurance"},
        {"b01", "b02", "b03", "b04", "b05", "b06", "b07", "b08", "b09", "b10"},
    };

    /**
     * Builds records with a 2 % base failure rate and a higher rate inside the planted groups.
     */
    private static RecordTable table(long seed, int records, double plantedRate,
            java.util.function.Predicate<String[]> planted) {
        Random random = new Random(seed);
        RecordTable.Builder builder = new RecordTable.Builder(ATTRIBUTES);
        for (int r = 0; r < records; r++) {
            String[] row = new String[ATTRIBUTES.length];
            for (int a = 0; a < row.length; a++) {
                row[a] = VALUES[a][random.nextInt(VALUES[a].length)];
            }
            double rate = planted.test(row) ? plantedRate : 0.02;
            builder.add(row, random.nextDouble() < rate);
        }
        return builder.build();
    }

    private static List<String> combinations(List<FocusRule> rules) {
        return rules.stream().map(FocusRule::combination).toList();
    }

    @Test
    void plantedPairIsTheTopRule() {
        RecordTable table = table(1, 20_000, 0.4,
                r -> r[0].equals("east") && r[1].equals("app"));

        List<FocusRule> rules = new ContrastSetMiner().mine(table);

        assertThat(rules).isNotEmpty();
        FocusRule top = rules.get(0);
        assertThat(top.combination()).isEqualTo("channel=app&region=east");
        assertThat(top.confidence()).isBetween(0.35, 0.45);
        assertThat(top.lift()).isGreaterThan(5);
        assertThat(top.support()).isBetween(0.06, 0.1);
        assertThat(top.coverage()).isGreaterThan(0.5);
        assertThat(top.badRecords()).isLessThanOrEqualTo(top.records());
    }

    @Test
    void uselessSpecialisationsAreLeftOut() {
        RecordTable table = table(2, 20_000, 0.3, r -> r[2].equals("card"));

        List<String> found = combinations(new ContrastSetMiner().mine(table));

        assertThat(found).first().isEqualTo("product=card");
        assertThat(found).noneMatch(c -> c.contains("product=card&"));
        assertThat(found).noneMatch(c -> c.contains("&product=card"));
    }

    @Test
    void twoSeparateGroupsAreBothReported() {
        RecordTable table = table(3, 30_000, 0.35,
                r -> r[3].equals("b07") || (r[0].equals("north") && r[2].equals("fund")));

        List<String> found = combinations(new ContrastSetMiner().mine(table));

        assertThat(found).contains("branch=b07", "product=fund&region=north");
        assertThat(found.indexOf("branch=b07")).isLessThan(2);
    }

    @Test
    void randomLabelsYieldNoRule() {
        RecordTable table = table(4, 20_000, 0.02, r -> false);

        assertThat(new ContrastSetMiner().mine(table)).isEmpty();
    }

    @Test
    void tableWithoutBadRecordsYieldsNoRule() {
        RecordTable table = new RecordTable.Builder("a")
                .add(new String[] {"x"}, false)
                .add(new String[] {"y"}, false)
                .build();

        assertThat(new ContrastSetMiner().mine(table)).isEmpty();
    }

    @Test
    void metricAndThresholdLabelRecords() {
        RecordTable.BadRule slow = new RecordTable.BadRule(500, true);
        RecordTable table = new RecordTable.Builder("host")
                .add(new String[] {"h1"}, 800, slow)
                .add(new String[] {"h1"}, 500, slow)
                .add(new String[] {"h2"}, Double.NaN, slow)
                .add(new String[] {null}, 100, new RecordTable.BadRule(200, false))
                .build();

        assertThat(table.isBad(0)).isTrue();
        assertThat(table.isBad(1)).isFalse();
        assertThat(table.isBad(2)).isFalse();
        assertThat(table.isBad(3)).isTrue();
        assertThat(table.value(0, table.code(0, 3))).isEmpty();
        assertThat(table.badCount()).isEqualTo(2);
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        assertThatThrownBy(() -> new RecordTable.BadRule(Double.POSITIVE_INFINITY, true))
                .hasMessageContaining("threshold must be a finite number, was Infinity");
        assertThatThrownBy(() -> new RecordTable.Builder("a", "a"))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> new RecordTable.Builder("a").add(new String[] {"x", "y"}, true))
                .hasMessageContaining("record 0 has 2 values for 1 attributes");
        assertThatThrownBy(() -> new FocusConfig(0, 5, 1.5, 3, 0.05, 20))
                .hasMessageContaining("maxConditions must be at least 1, was 0");
        assertThatThrownBy(() -> new FocusConfig(3, 5, 0.5, 3, 0.05, 20))
                .hasMessageContaining("minLift");
        assertThatThrownBy(() -> new FocusConfig(3, 5, 1.5, -1, 0.05, 20))
                .hasMessageContaining("minZScore");
    }

    @Test
    void poissonTailMatchesKnownValues() {
        // P(X >= 3) for mean 1 is 1 - e^-1 (1 + 1 + 1/2) = 0.0803014.
        assertThat(ContrastSetMiner.poissonUpperTail(3, 1.0)).isBetween(0.080301, 0.080302);
        assertThat(ContrastSetMiner.poissonUpperTail(0, 5.0)).isEqualTo(1.0);
        assertThat(ContrastSetMiner.poissonUpperTail(2, 0.0)).isZero();
        assertThat(ContrastSetMiner.poissonUpperTail(400, 300.0)).isBetween(1e-9, 1e-7);
    }

    @Test
    void normalTailMatchesKnownValues() {
        assertThat(ContrastSetMiner.upperTail(0)).isCloseTo(0.5, Offset.offset(1e-7));
        assertThat(ContrastSetMiner.upperTail(3)).isCloseTo(0.0013499, Offset.offset(1e-6));
        assertThat(ContrastSetMiner.upperTail(-1)).isCloseTo(0.8413447, Offset.offset(1e-6));
    }

    @Test
    void chanceGroupsOfLargeTableAreNotRules() {
        RecordTable table = table(5, 100_000, 0.3,
                r -> r[1].equals("web") && r[3].equals("b04"));

        List<FocusRule> rules = new ContrastSetMiner().mine(table);

        assertThat(combinations(rules)).containsExactly("branch=b04&channel=web");
    }
}
