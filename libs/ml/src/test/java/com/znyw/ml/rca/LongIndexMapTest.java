package com.znyw.ml.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LongIndexMapTest {

    @Test
    void indexesSurviveGrowth() {
        LongIndexMap map = new LongIndexMap(2);
        for (long key = 0; key < 10_000; key++) {
            assertThat(map.getOrAdd(key * 7919)).isEqualTo((int) key);
        }

        assertThat(map.size()).isEqualTo(10_000);
        assertThat(map.get(123 * 7919L)).isEqualTo(123);
        assertThat(map.get(-1)).isEqualTo(-1);
        assertThat(map.getOrAdd(42 * 7919L)).isEqualTo(42);
    }

    @Test
    void reservedKeyIsNeverFound() {
        LongIndexMap map = new LongIndexMap(4);
        map.getOrAdd(1);

        assertThat(map.get(Long.MIN_VALUE)).isEqualTo(-1);
        assertThatThrownBy(() -> map.getOrAdd(Long.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
    }
}
