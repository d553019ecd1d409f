package com.znyw.core.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.znyw.core.csv.CsvError;
import com.znyw.core.csv.CsvException;
import com.znyw.core.csv.TableLayout;

class FocusParametersTest {

    @Test
    void defaultsWhenEmpty() {
        FocusParameters parameters = FocusParameters.fromMap(Map.of());
        assertThat(parameters.layout()).isNull();
        assertThat(parameters.maxLayer()).isEqualTo(FocusParameters.DEFAULT_MAX_LAYER);
        assertThat(parameters.csv().charset()).isNull();
        assertThat(parameters.threshold()).isNull();
    }

    @Test
    void roundTripThroughMap() {
        FocusParameters parameters = FocusParameters.fromMap(Map.of("layout", "leaf_series",
                "encoding", "GBK", "delimiter", "tab", "measures", "value, cnt",
                "anomalyTime", "2020-08-06 12:07", "maxRootCauses", "5"));
        assertThat(parameters.layout()).isEqualTo(TableLayout.LEAF_SERIES);
        assertThat(parameters.roles().measures()).containsExactly("value", "cnt");
        assertThat(parameters.anomalyTime()).isEqualTo(1596686820_000L);
        assertThat(FocusParameters.fromMap(parameters.toMap())).isEqualTo(parameters);
    }

    @Test
    void invalidValuesNamed() {
        Map<Map<String, String>, String> cases = Map.of(Map.of("maxLayer", "9"), "\"9\"",
                Map.of("threshold", "fast"), "\"fast\"", Map.of("anomalyTime", "noon"), "\"noon\"",
                Map.of("timeZone", "Mars/Base"), "\"Mars/Base\"", Map.of("colour", "red"),
                "\"colour\"");
        cases.forEach((values, named) -> assertThatThrownBy(() -> FocusParameters.fromMap(values))
                .as("parameters %s", values)
                .isInstanceOfSatisfying(CsvException.class,
                        e -> assertThat(e.error()).isEqualTo(CsvError.INVALID_PARAMETER))
                .hasMessageContaining(named));
    }
}
