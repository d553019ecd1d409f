package com.znyw.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesKeyTest {

    @Test
    void canonicalFormSortsTags() {
        SeriesKey key = SeriesKey.of("txn", Map.of("idc", "BJ", "host", "app-07"));

        assertThat(key.toString()).isEqualTo("txn{host=app-07,idc=BJ}");
    }

    @Test
    void parseInvertsToString() {
        SeriesKey key = SeriesKey.of("txn", Map.of("idc", "北京", "host", "app 07"));

        assertThat(SeriesKey.parse(key.toString())).isEqualTo(key);
        assertThat(SeriesKey.parse(key.toString()).tags()).isEqualTo(key.tags());
    }

    @Test
    void keyWithoutTagsIsKpiName() {
        assertThat(SeriesKey.parse("cpu").toString()).isEqualTo("cpu");
        assertThat(SeriesKey.parse("cpu{}").tags()).isEmpty();
    }

    @Test
    void parseRejectsMalformedText() {
        assertThatThrownBy(() -> SeriesKey.parse("cpu{host"))
                .hasMessageContaining("invalid series key 'cpu{host'");
        assertThatThrownBy(() -> SeriesKey.parse("cpu{host}"))
                .hasMessageContaining("invalid tag 'host'");
    }

    @Test
    void rejectsTooLongKpiName() {
        assertThatThrownBy(() -> SeriesKey.of("k".repeat(129), Map.of()))
                .hasMessageContaining("1 to 128 characters");
    }
}
