package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Edge inputs, snapshots and state sizes, checked for every detector the same way. */
class DetectorContractTest {

    /** One detector kind: how to create it, restore it and how large its snapshot is. */
    record Kind(String name, Function<DetectorConfig, StreamingDetector> factory,
                BiFunction<byte[], DetectorConfig, StreamingDetector> restorer, int stateBytes) {
        StreamingDetector create() {
            return factory.apply(DetectorConfig.defaults());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("spike", SpikeDetector::new, SpikeDetector::restore,
                        SpikeDetector.STATE_BYTES),
                new Kind("level_shift", LevelShiftDetector::new, LevelShiftDetector::restore,
                        LevelShiftDetector.STATE_BYTES),
                new Kind("variance_change", VarianceChangeDetector::new,
                        VarianceChangeDetector::restore, VarianceChangeDetector.STATE_BYTES),
                new Kind("seasonal", SeasonalDetector::new, SeasonalDetector::restore,
                        SeasonalDetector.STATE_BYTES),
                new Kind("spectral_residual", SpectralResidualDetector::new,
                        SpectralResidualDetector::restore, SpectralResidualDetector.STATE_BYTES),
                new Kind("ensemble", Detectors::newEnsemble, Detectors::restoreEnsemble,
                        EnsembleDetector.STATE_BYTES));
    }

    private static StreamingDetector trained(Kind kind, int points) {
        StreamingDetector detector = kind.create();
        Series.run(detector, Arrays.copyOf(Series.daily(points, 100, 20, 2, 7), points));
        return detector;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rejectsNonFiniteValuesUnchanged(Kind kind) {
        StreamingDetector detector = trained(kind, 400);
        byte[] before = detector.toBytes();
        long next = Series.timestamp(400);

        for (double bad : List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)) {
            assertThatThrownBy(() -> detector.update(next, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.valueOf(bad));
            assertThat(detector.toBytes()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rejectsOlderTimestampUnchanged(Kind kind) {
        StreamingDetector detector = trained(kind, 400);
        byte[] before = detector.toBytes();
        long older = Series.timestamp(398);

        assertThatThrownBy(() -> detector.update(older, 100.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(older))
                .hasMessageContaining(String.valueOf(Series.timestamp(399)));
        assertThat(detector.toBytes()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void acceptsRepeatedTimestamp(Kind kind) {
        StreamingDetector detector = trained(kind, 400);

        Detection detection = detector.update(Series.timestamp(399), 100.0);

        assertThat(detection.score()).isBetween(0.0, 1.0);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void constantSeriesRaisesNoAlarm(Kind kind) {
        StreamingDetector detector = kind.create();
        double[] values = new double[2000];
        Arrays.fill(values, 42.0);

        Detection[] detections = Series.run(detector, values);

        assertThat(Series.anomalyCount(detections, 0, values.length)).isZero();
        for (Detection detection : detections) {
            assertThat(detection.score()).isBetween(0.0, 1.0);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void hugeValuesKeepOutputsFinite(Kind kind) {
        StreamingDetector detector = kind.create();
        double[] values = Series.daily(1500, 1e300, 2e299, 1e298, 3);
        values[1400] = -1e300;

        Detection[] detections = Series.run(detector, values);

        for (Detection detection : detections) {
            assertThat(detection.score()).isBetween(0.0, 1.0);
            assertThat(Double.isFinite(detection.expected())).isTrue();
            assertThat(Double.isNaN(detection.lower())).isFalse();
            assertThat(Double.isNaN(detection.upper())).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void handlesGapsAndIrregularIntervals(Kind kind) {
        StreamingDetector detector = kind.create();
        Random random = new Random(11);
        long timestamp = Series.START_MS;

        for (int i = 0; i < 3000; i++) {
            // Mostly five-minute steps, sometimes jittered, sometimes a gap of up to a day.
            long step = random.nextInt(20) == 0 ? random.nextInt(288) * Series.STEP_MS
                    : Series.STEP_MS + random.nextInt(60_000) - 30_000;
            timestamp += step;
            Detection detection = detector.update(timestamp, 50 + random.nextGaussian());
            assertThat(detection.score()).isBetween(0.0, 1.0);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void snapshotRestoresIdenticalOutputs(Kind kind) {
        double[] values = Series.daily(3000, 100, 20, 2, 5);
        values[2500] = 300;
        StreamingDetector original = kind.create();
        for (int i = 0; i < 2000; i++) {
            original.update(Series.timestamp(i), values[i]);
        }

        StreamingDetector restored = kind.restorer().apply(original.toBytes(),
                DetectorConfig.defaults());

        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        for (int i = 2000; i < values.length; i++) {
            Detection expected = original.update(Series.timestamp(i), values[i]);
            Detection actual = restored.update(Series.timestamp(i), values[i]);
            assertThat(actual).as("point %d", i).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void stateSizeMatchesDocumentedSize(Kind kind) {
        StreamingDetector fresh = kind.create();
        StreamingDetector trained = trained(kind, 3000);

        assertThat(fresh.toBytes()).hasSize(kind.stateBytes());
        assertThat(trained.toBytes()).hasSize(kind.stateBytes());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void restoreRejectsInvalidSnapshots(Kind kind) {
        byte[] valid = trained(kind, 500).toBytes();
        byte[] otherVersion = valid.clone();
        otherVersion[0] = (byte) (StateFormat.VERSION + 1);
        byte[] otherKind = new SpikeDetector(DetectorConfig.defaults()).toBytes();
        if (kind.name().equals("spike")) {
            otherKind = new LevelShiftDetector(DetectorConfig.defaults()).toBytes();
        }
        byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
        byte[] extended = Arrays.copyOf(valid, valid.length + 1);
        DetectorConfig config = DetectorConfig.defaults();

        assertThatThrownBy(() -> kind.restorer().apply(otherVersion, config))
                .isInstanceOf(UnsupportedSnapshotVersionException.class)
                .hasMessageContaining("format version " + (StateFormat.VERSION + 1));
        for (byte[] bad : Arrays.asList(null, new byte[0], otherVersion, otherKind, truncated,
                extended)) {
            assertThatThrownBy(() -> kind.restorer().apply(bad, config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("snapshot");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void higherSensitivityFlagsAtLeastAsMuch(Kind kind) {
        double[] values = Series.noise(3000, 10, 1, 21);
        for (int i = 1000; i < 3000; i += 250) {
            values[i] += 4 + i % 7;
        }
        StreamingDetector low = kind.create();
        StreamingDetector high = kind.create();
        low.reconfigure(new DetectorConfig(0));
        high.reconfigure(new DetectorConfig(10));

        int lowCount = Series.anomalyCount(Series.run(low, values), 0, values.length);
        int highCount = Series.anomalyCount(Series.run(high, values), 0, values.length);

        assertThat(highCount).isGreaterThanOrEqualTo(lowCount);
        if (!kind.name().equals("seasonal")) {
            // Pure noise has no period, so the seasonal detector rightly has no opinion on it.
            assertThat(highCount).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void reconfigureRejectsNullConfig(Kind kind) {
        StreamingDetector detector = kind.create();

        assertThatThrownBy(() -> detector.reconfigure(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config");
    }
}
