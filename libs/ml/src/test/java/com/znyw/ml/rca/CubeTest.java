package com.znyw.ml.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CubeTest {

    @Test
    void builderAssignsCodesInOrder() {
        Cube cube = new Cube.Builder("idc", "app")
                .add(new String[] {"BJ", "pay"}, 10, 12)
                .add(new String[] {"SH", "pay"}, 5, 5)
                .add(new String[] {"BJ", "loan"}, 0, 0)
                .build();

        assertThat(cube.leafCount()).isEqualTo(3);
        assertThat(cube.isDerived()).isFalse();
        assertThat(cube.cardinality(0)).isEqualTo(2);
        assertThat(cube.value(0, cube.code(0, 2))).isEqualTo("BJ");
        assertThat(cube.value(1, cube.code(1, 1))).isEqualTo("pay");
        assertThat(cube.predict(0)).isEqualTo(12);
        assertThat(cube.realDenominator(0)).isEqualTo(1);
    }

    @Test
    void derivedCubeKeepsDenominators() {
        Cube cube = new Cube.Builder("cdn")
                .add(new String[] {"5"}, 90, 97, 100, 100)
                .build();

        assertThat(cube.isDerived()).isTrue();
        assertThat(cube.realDenominator(0)).isEqualTo(100);
        assertThat(cube.predictDenominator(0)).isEqualTo(100);
    }

    @Test
    void mixedMeasureKindsAreRejected() {
        Cube.Builder builder = new Cube.Builder("cdn").add(new String[] {"5"}, 1, 1);

        assertThatThrownBy(() -> builder.add(new String[] {"6"}, 1, 1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either a fundamental or a derived");
    }

    @Test
    void wrongValueCountNamesTheLeaf() {
        Cube.Builder builder = new Cube.Builder("idc", "app");

        assertThatThrownBy(() -> builder.add(new String[] {"BJ"}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaf 0 has 1 values for 2 dimensions");
    }

    @Test
    void nonFiniteMeasureIsRejected() {
        Cube.Builder builder = new Cube.Builder("idc").add(new String[] {"BJ"}, Double.NaN, 1);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("real[0] is NaN");
    }

    @Test
    void codeOutOfRangeIsRejected() {
        assertThatThrownBy(() -> Cube.fundamental(new String[] {"idc"},
                new String[][] {{"BJ"}}, new int[][] {{0, 3}}, new double[] {1, 1},
                new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaf 1 has code 3 in dimension 'idc'");
    }

    @Test
    void duplicateDimensionNamesAreRejected() {
        assertThatThrownBy(() -> Cube.fundamental(new String[] {"idc", "idc"},
                new String[][] {{"BJ"}, {"BJ"}}, new int[][] {{0}, {0}}, new double[] {1},
                new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unique");
    }

    @Test
    void derivedWithoutDenominatorIsRejected() {
        assertThatThrownBy(() -> Cube.derived(new String[] {"idc"}, new String[][] {{"BJ"}},
                new int[][] {{0}}, new double[] {1}, new double[] {1}, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cube.fundamental");
    }
}
