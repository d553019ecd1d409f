package com.znyw.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableSchemaTest {

    @Test
    void cubeDetectedFromRealPredict() {
        TableSchema schema = TableSchema.resolve(List.of("a", "b", "Real", "predict"), null,
                ColumnRoles.none());
        assertThat(schema.layout()).isEqualTo(TableLayout.CUBE);
        assertThat(schema.dimensionNames()).containsExactly("a", "b");
        assertThat(schema.measureColumns()).containsExactly(2, 3);
        assertThat(schema.isDerived()).isFalse();
    }

    @Test
    void derivedCubeNeedsBothDenominators() {
        TableSchema schema = TableSchema.resolve(
                List.of("idc", "real", "predict", "real_b", "predict_b"), null, ColumnRoles.none());
        assertThat(schema.isDerived()).isTrue();
        assertThat(schema.measureColumns()).containsExactly(1, 2, 3, 4);

        assertThatThrownBy(() -> TableSchema.resolve(List.of("idc", "real", "predict", "real_b"),
                null, ColumnRoles.none()))
                .isInstanceOfSatisfying(CsvException.class, e -> {
                    assertThat(e.error()).isEqualTo(CsvError.MISSING_COLUMNS);
                    assertThat(e.getMessage()).contains("predict_b").contains("[idc, real, predict, real_b]");
                });
    }

    @Test
    void cubeChosenWithoutPredictListsColumns() {
        assertThatThrownBy(() -> TableSchema.resolve(List.of("host", "real", "expected"),
                TableLayout.CUBE, ColumnRoles.none()))
                .isInstanceOfSatisfying(CsvException.class, e -> {
                    assertThat(e.error()).isEqualTo(CsvError.MISSING_COLUMNS);
                    assertThat(e.arguments()).containsExactly("cube",
                            "[<dimensions...>, real, predict]", "[host, real, expected]");
                });
    }

    @Test
    void seriesDetectedWithDenominator() {
        TableSchema schema = TableSchema.resolve(
                List.of("min", "value", "cnt", "cdn", "bitrate", "p2p", "isp"), null,
                ColumnRoles.none());
        assertThat(schema.layout()).isEqualTo(TableLayout.LEAF_SERIES);
        assertThat(schema.timestampColumn()).isZero();
        assertThat(schema.measureColumns()).containsExactly(1, 2);
        assertThat(schema.isDerived()).isTrue();
        assertThat(schema.dimensionNames()).containsExactly("cdn", "bitrate", "p2p", "isp");
    }

    @Test
    void seriesRolesChosenByUser() {
        ColumnRoles roles = new ColumnRoles(List.of("host", "idc"), List.of("errors"), "at", null);
        TableSchema schema = TableSchema.resolve(List.of("at", "host", "idc", "service", "errors"),
                TableLayout.LEAF_SERIES, roles);
        assertThat(schema.dimensionNames()).containsExactly("host", "idc");
        assertThat(schema.measureColumns()).containsExactly(4);
        assertThat(schema.isDerived()).isFalse();
        assertThat(schema.roles()).isEqualTo(roles);
    }

    @Test
    void unknownChosenColumnNamed() {
        ColumnRoles roles = new ColumnRoles(List.of(), List.of(), null, "latency_ms");
        assertThatThrownBy(() -> TableSchema.resolve(List.of("branch", "channel", "elapsed"),
                TableLayout.RECORDS, roles))
                .isInstanceOfSatisfying(CsvException.class, e -> {
                    assertThat(e.error()).isEqualTo(CsvError.UNKNOWN_COLUMN);
                    assertThat(e.arguments().get(0)).isEqualTo("latency_ms");
                });
    }

    @Test
    void recordsDetectedFromMetricOrLabel() {
        TableSchema metric = TableSchema.resolve(
                List.of("branch", "channel", "device", "app_version", "latency_ms"), null,
                ColumnRoles.none());
        assertThat(metric.layout()).isEqualTo(TableLayout.RECORDS);
        assertThat(metric.targetColumn()).isEqualTo(4);
        assertThat(metric.targetLooksLikeLabel()).isFalse();
        assertThat(metric.dimensionNames()).hasSize(4);
        assertThat(metric.isAmbiguous()).isFalse();

        TableSchema label = TableSchema.resolve(List.of("branch", "latency_ms", "label"), null,
                ColumnRoles.none());
        assertThat(label.targetColumn()).isEqualTo(2);
        assertThat(label.targetLooksLikeLabel()).isTrue();
        assertThat(label.isAmbiguous()).isTrue();
    }

    @Test
    void unknownLayoutListsHeader() {
        assertThatThrownBy(() -> TableSchema.resolve(List.of("x", "y"), null, ColumnRoles.none()))
                .isInstanceOfSatisfying(CsvException.class, e -> {
                    assertThat(e.error()).isEqualTo(CsvError.UNKNOWN_LAYOUT);
                    assertThat(e.getMessage()).contains("[x, y]");
                });
    }

    @Test
    void cubeWithoutDimensionsRejected() {
        assertThatThrownBy(() -> TableSchema.resolve(List.of("real", "predict"), null,
                ColumnRoles.none()))
                .isInstanceOfSatisfying(CsvException.class,
                        e -> assertThat(e.error()).isEqualTo(CsvError.NO_DIMENSIONS));
    }

    @Test
    void layoutNamesParsed() {
        assertThat(TableLayout.parse("Leaf-Series")).isEqualTo(TableLayout.LEAF_SERIES);
        assertThat(TableLayout.parse(" auto ")).isNull();
        assertThatThrownBy(() -> TableLayout.parse("pivot"))
                .isInstanceOf(CsvException.class).hasMessageContaining("\"pivot\"");
    }
}
