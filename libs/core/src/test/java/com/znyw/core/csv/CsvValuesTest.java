package com.znyw.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvValuesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final CsvValues values = new CsvValues(List.of("branch", "latency_ms", "label", "ts"));

    @Test
    void numberParsed() {
        assertThat(values.number(row(2, "BJ", "1.5e2", "1", "0"), 1)).isEqualTo(150.0);
    }

    @Test
    void invalidNumberNamesLineAndColumn() {
        assertThatThrownBy(() -> values.number(row(7, "BJ", "1,5", "1", "0"), 1))
                .isInstanceOfSatisfying(CsvException.class, e -> {
                    assertThat(e.error()).isEqualTo(CsvError.INVALID_NUMBER);
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.arguments()).containsExactly("7", "latency_ms", "1,5");
                });
        assertThatThrownBy(() -> values.number(row(8, "BJ", "NaN", "1", "0"), 1))
                .isInstanceOfSatisfying(CsvException.class,
                        e -> assertThat(e.error()).isEqualTo(CsvError.INVALID_NUMBER));
        assertThatThrownBy(() -> values.number(row(9, "BJ", "", "1", "0"), 1))
                .isInstanceOfSatisfying(CsvException.class,
                        e -> assertThat(e.error()).isEqualTo(CsvError.MISSING_VALUE));
    }

    @Test
    void negativeMeasureRejected() {
        assertThatThrownBy(() -> values.measure(row(3, "BJ", "-2", "1", "0"), 1))
                .isInstanceOfSatisfying(CsvException.class,
                        e -> assertThat(e.error()).isEqualTo(CsvError.NEGATIVE_NUMBER));
    }

    @Test
    void labelsParsed() {
        assertThat(values.label(row(2, "BJ", "1", "失败", "0"), 2)).isTrue();
        assertThat(values.label(row(2, "BJ", "1", "OK", "0"), 2)).isFalse();
        assertThatThrownBy(() -> values.label(row(4, "BJ", "1", "maybe", "0"), 2))
                .isInstanceOfSatisfying(CsvException.class, e -> {
                    assertThat(e.error()).isEqualTo(CsvError.INVALID_LABEL);
                    assertThat(e.line()).isEqualTo(4);
                });
    }

    @Test
    void timesInEveryForm() {
        long expected = 1596686580_000L;
        assertThat(CsvValues.parseTime("1596686580", SHANGHAI)).isEqualTo(expected);
        assertThat(CsvValues.parseTime("1596686580000", SHANGHAI)).isEqualTo(expected);
        assertThat(CsvValues.parseTime("2020-08-06 12:03:00", SHANGHAI)).isEqualTo(expected);
        assertThat(CsvValues.parseTime("2020-08-06T12:03", SHANGHAI)).isEqualTo(expected);
        assertThat(CsvValues.parseTime("2020-08-06T04:03:00Z", SHANGHAI)).isEqualTo(expected);
        assertThatThrownBy(() -> values.timestamp(row(5, "BJ", "1", "1", "yesterday"), 3, SHANGHAI))
                .isInstanceOfSatisfying(CsvException.class, e -> {
                    assertThat(e.error()).isEqualTo(CsvError.INVALID_TIMESTAMP);
                    assertThat(e.arguments()).containsExactly("5", "ts", "yesterday");
                });
    }

    private static CsvRow row(long line, String... fields) {
        return new CsvRow(line, fields);
    }
}
