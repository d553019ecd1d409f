package com.znyw.ml.eval.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RcaScorerTest {

    @Test
    void canonicalSortsElements() {
        assertThat(RcaScorer.canonical("c=c3 & a=a5")).isEqualTo("a=a5&c=c3");
        assertThat(RcaScorer.canonical("p2p=1&bitrate=2000")).isEqualTo("bitrate=2000&p2p=1");
    }

    @Test
    void canonicalRejectsMalformedCombination() {
        assertThatThrownBy(() -> RcaScorer.canonical("a5"))
                .hasMessageContaining("element 'a5' of 'a5' is not of the form dim=value");
        assertThatThrownBy(() -> RcaScorer.canonical(" "))
                .hasMessageContaining("at least one dim=value");
    }

    @Test
    void countsAndF1AreMicroAveraged() {
        RcaScorer scorer = new RcaScorer();

        RcaScorer.Outcome first = scorer.add(List.of("a=a1", "b=b2"), Set.of("a=a1"));
        RcaScorer.Outcome second = scorer.add(List.of(), Set.of("c=c1", "a=a1&b=b1"));

        assertThat(first).isEqualTo(new RcaScorer.Outcome(1, 1, 0));
        assertThat(second).isEqualTo(new RcaScorer.Outcome(0, 0, 2));
        assertThat(scorer.precision()).isEqualTo(0.5);
        assertThat(scorer.recall()).isEqualTo(1.0 / 3);
        assertThat(scorer.f1()).isEqualTo(2.0 / 5);
    }

    @Test
    void emptyScorerReportsZero() {
        RcaScorer scorer = new RcaScorer();

        assertThat(scorer.f1()).isZero();
        assertThat(scorer.precision()).isZero();
        assertThat(scorer.recall()).isZero();
    }
}
