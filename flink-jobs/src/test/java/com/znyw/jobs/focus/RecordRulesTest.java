package com.znyw.jobs.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.znyw.core.focus.FocusFinding;

class RecordRulesTest {

    private static final List<String> DIMENSIONS = List.of("branch", "channel", "device");

    @Test
    void injectedCauseRankedFirst() {
        List<LeafRow> leaves = new ArrayList<>();
        for (String branch : new String[] {"BJ", "SH", "GZ", "SZ"}) {
            for (String channel : new String[] {"app", "web", "counter"}) {
                for (String device : new String[] {"ios", "android"}) {
                    boolean cause = branch.equals("SH") && channel.equals("app");
                    double records = 1000;
                    double bad = cause ? 700 : 20;
                    leaves.add(LeafRow.of(new String[] {branch, channel, device}, 0, records, bad));
                }
            }
        }

        List<FocusFinding> findings = new RecordRules(DIMENSIONS, 3, 10).search(leaves);

        assertThat(findings).hasSize(1);
        FocusFinding top = findings.get(0);
        assertThat(top.conditions()).isEqualTo(Map.of("branch", "SH", "channel", "app"));
        assertThat(top.recordCount()).isEqualTo(2000);
        assertThat(top.badCount()).isEqualTo(1400);
        assertThat(top.confidence()).isEqualTo(0.7);
        assertThat(top.lift()).isGreaterThan(5);
        assertThat(top.leafCount()).isEqualTo(2);
    }

    @Test
    void noBadRecordsNoRules() {
        List<LeafRow> leaves = List.of(LeafRow.of(new String[] {"BJ", "app", "ios"}, 0, 100, 0),
                LeafRow.of(new String[] {"SH", "web", "pc"}, 0, 50, 0));

        assertThat(new RecordRules(DIMENSIONS, 3, 10).search(leaves)).isEmpty();
    }

    @Test
    void evenlySpreadBadRecordsNoRules() {
        List<LeafRow> leaves = new ArrayList<>();
        for (String branch : new String[] {"BJ", "SH", "GZ"}) {
            for (String channel : new String[] {"app", "web"}) {
                leaves.add(LeafRow.of(new String[] {branch, channel, "ios"}, 0, 500, 25));
            }
        }

        assertThat(new RecordRules(DIMENSIONS, 3, 10).search(leaves)).isEmpty();
    }
}
