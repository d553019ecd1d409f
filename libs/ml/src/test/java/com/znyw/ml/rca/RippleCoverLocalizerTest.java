package com.znyw.ml.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RippleCoverLocalizerTest {

    private static final int[] SHAPE = {10, 12, 10, 8, 5};

    private final RippleCoverLocalizer localizer = new RippleCoverLocalizer();

    private static List<String> combinations(List<RootCause> causes) {
        return causes.stream().map(RootCause::combination).toList();
    }

    @Test
    void singleDimensionCauseIsFound() {
        Cube cube = SyntheticCubes.fundamental(1, SHAPE, 0.05, 0.1,
                v -> v[1].equals("b3"), -0.6);

        List<RootCause> causes = localizer.localize(cube);

        assertThat(combinations(causes)).containsExactly("b=b3");
        RootCause cause = causes.get(0);
        assertThat(cause.leafCount()).isEqualTo(10 * 10 * 8 * 5);
        assertThat(cause.deviationShare()).isBetween(0.8, 1.2);
        assertThat(cause.real()).isLessThan(cause.expected());
        assertThat(cause.support()).isBetween(0.01, 0.3);
    }

    @Test
    void twoCausesAreBothFound() {
        Cube cube = SyntheticCubes.fundamental(2, SHAPE, 0.08, 0.2,
                v -> v[0].equals("a2") || (v[2].equals("c5") && v[4].equals("e1")), 0.8);

        List<String> found = combinations(localizer.localize(cube));

        assertThat(found).contains("a=a2", "c=c5&e=e1");
        assertThat(found).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void leafLevelCauseIsFound() {
        Cube cube = SyntheticCubes.fundamental(3, SHAPE, 0.03, 0.0,
                v -> v[0].equals("a4") && v[1].equals("b9") && v[2].equals("c5")
                        && v[3].equals("d2") && v[4].equals("e4"), 1.0);

        List<String> found = combinations(localizer.localize(cube));

        assertThat(found).contains("a=a4&b=b9&c=c5&d=d2&e=e4");
    }

    @Test
    void cubeWithoutAnomalyYieldsNoCause() {
        Cube cube = SyntheticCubes.fundamental(4, SHAPE, 0.05, 0.1, v -> false, 0);

        List<RootCause> causes = localizer.localize(cube);

        assertThat(causes).hasSizeLessThanOrEqualTo(1);
        if (!causes.isEmpty()) {
            // Pure noise may single out one leaf, but never a large part of the cube.
            assertThat(causes.get(0).leafCount()).isEqualTo(1);
        }
    }

    @Test
    void wholeCubeShiftYieldsNoCause() {
        Cube cube = SyntheticCubes.fundamental(10, SHAPE, 0.03, 0.1, v -> true, -0.5);

        assertThat(localizer.localize(cube)).isEmpty();
    }

    @Test
    void majorityShiftNamesEveryAffectedValue() {
        Cube cube = SyntheticCubes.fundamental(11, SHAPE, 0.03, 0.1,
                v -> v[4].compareTo("e4") < 0, -0.5);

        assertThat(combinations(localizer.localize(cube)))
                .containsExactlyInAnyOrder("e=e1", "e=e2", "e=e3");
    }

    @Test
    void cubeOfZerosYieldsNoCause() {
        Cube.Builder builder = new Cube.Builder("a", "b");
        SyntheticCubes.forEachLeaf(new int[] {3, 4}, v -> builder.add(v, 0, 0));

        assertThat(localizer.localize(builder.build())).isEmpty();
    }

    @Test
    void derivedMeasureIgnoresVolumeShift() {
        Random random = new Random(5);
        Cube.Builder builder = new Cube.Builder("cdn", "bitrate", "device");
        SyntheticCubes.forEachLeaf(new int[] {6, 8, 5}, v -> {
            double sessions = 200 + random.nextInt(2000);
            double rate = 0.97;
            double realSessions = sessions * (1 + 0.05 * random.nextGaussian());
            // Device c2 doubles its traffic at the normal success rate, which is no cause.
            if (v[2].equals("c2")) {
                realSessions *= 2;
            }
            double realRate = v[1].equals("b4") ? 0.75 : rate;
            double realSuccess = Math.round(realSessions * realRate
                    + Math.sqrt(realSessions * 0.03) * random.nextGaussian());
            builder.add(v, Math.max(0, realSuccess), sessions * rate,
                    Math.round(realSessions), sessions);
        });

        List<RootCause> causes = localizer.localize(builder.build());

        assertThat(combinations(causes)).containsExactly("bitrate=b4");
        assertThat(causes.get(0).real()).isCloseTo(0.75, Offset.offset(0.02));
        assertThat(causes.get(0).expected()).isCloseTo(0.97,
                Offset.offset(0.01));
    }

    @Test
    void negativeMeasuresAreAccepted() {
        Cube.Builder builder = new Cube.Builder("a", "b");
        Random random = new Random(6);
        SyntheticCubes.forEachLeaf(new int[] {5, 6}, v -> {
            double predict = -100 - random.nextInt(50);
            double real = v[0].equals("a3") ? predict * 3 : predict * (1 + 0.02 * random.nextGaussian());
            builder.add(v, real, predict);
        });

        assertThat(combinations(localizer.localize(builder.build()))).containsExactly("a=a3");
    }

    @Test
    void manyDimensionsAreSearched() {
        int[] shape = {4, 3, 5, 3, 4, 2, 3, 2};
        Cube cube = SyntheticCubes.fundamental(7, shape, 0.05, 0.05,
                v -> v[5].equals("f2") && v[6].equals("g1"), -0.7);

        assertThat(combinations(localizer.localize(cube))).containsExactly("f=f2&g=g1");
    }

    @Test
    void resultsAreSortedAndCapped() {
        LocalizerConfig config = new LocalizerConfig(0.7, 0.02, 6, 1, 0);
        Cube cube = SyntheticCubes.fundamental(2, SHAPE, 0.08, 0.2,
                v -> v[0].equals("a2") || (v[2].equals("c5") && v[4].equals("e1")), 0.8);

        List<RootCause> causes = new RippleCoverLocalizer(config).localize(cube);

        assertThat(combinations(causes)).containsExactly("a=a2");
    }

    @Test
    void cuboidsStopBeforeTheCap() {
        int[] shape = new int[30];
        java.util.Arrays.fill(shape, 2);
        Cube wide = SyntheticCubes.sparse(8, shape, 2_000);

        List<int[]> cuboids = RippleCoverLocalizer.cuboids(wide, 6);

        assertThat(cuboids).hasSizeLessThanOrEqualTo(RippleCoverLocalizer.MAX_CUBOIDS);
        assertThat(cuboids.get(cuboids.size() - 1)).hasSizeLessThan(6);
    }

    @Test
    void largeCubeStaysWithinElementBudget() {
        int[] shape = {20, 20, 20, 20, 20, 20, 20, 20, 20, 20};
        Cube large = SyntheticCubes.sparse(9, shape, 100_000);

        List<int[]> cuboids = RippleCoverLocalizer.cuboids(large, 6);
        List<RootCause> causes = localizer.localize(large);

        long elements = 0;
        for (int[] dims : cuboids) {
            elements += Math.min(large.leafCount(), (long) Math.pow(20, dims.length));
        }
        assertThat(elements).isLessThanOrEqualTo(RippleCoverLocalizer.MAX_ELEMENTS);
        assertThat(cuboids.get(cuboids.size() - 1).length).isBetween(2, 5);
        assertThat(causes.stream().map(RootCause::combination)).containsExactly("b=b2&f=f3");
    }

    @Test
    void localizerSurvivesJavaSerialization() throws Exception {
        Cube cube = SyntheticCubes.fundamental(1, SHAPE, 0.05, 0.1,
                v -> v[1].equals("b3"), -0.6);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new RippleCoverLocalizer(new LocalizerConfig(0.7, 0.02, 6, 3, 0.05)));
        }

        RippleCoverLocalizer copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RippleCoverLocalizer) in.readObject();
        }

        assertThat(copy.config().maxRootCauses()).isEqualTo(3);
        assertThat(copy.localize(cube)).isEqualTo(localizer.localize(cube));
    }

    @Test
    void invalidConfigIsRejected() {
        assertThatThrownBy(() -> new LocalizerConfig(0, 0.02, 6, 10, 0.05))
                .hasMessageContaining("purityThreshold must be in (0, 1], was 0.0");
        assertThatThrownBy(() -> new LocalizerConfig(0.7, 2, 6, 10, 0.05))
                .hasMessageContaining("minDeviation");
        assertThatThrownBy(() -> new LocalizerConfig(0.7, 0.02, 0, 10, 0.05))
                .hasMessageContaining("maxLayer must be at least 1, was 0");
        assertThatThrownBy(() -> new LocalizerConfig(0.7, 0.02, 6, 0, 0.05))
                .hasMessageContaining("maxRootCauses");
        assertThatThrownBy(() -> new LocalizerConfig(0.7, 0.02, 6, 10, 1.5))
                .hasMessageContaining("minRelativeScore");
    }
}
