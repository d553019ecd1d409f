package com.znyw.ml.bench;

import com.znyw.ml.detect.DetectorConfig;
import com.znyw.ml.detect.Detectors;
import com.znyw.ml.detect.LevelShiftDetector;
import com.znyw.ml.detect.SeasonalDetector;
import com.znyw.ml.detect.SpectralResidualDetector;
import com.znyw.ml.detect.SpikeDetector;
import com.znyw.ml.detect.StreamingDetector;
import com.znyw.ml.detect.VarianceChangeDetector;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per point of each detector and of the ensemble, on a daily-seasonal series with noise and
 * occasional spikes, sampled every five minutes. Each invocation scores and learns one point of a
 * detector that has already seen {@value #WARM_POINTS} points, so the seasonal period is known.
 * The snapshot benchmark measures {@code toBytes()} of the trained detector, and the restore
 * benchmark the detector's {@code restore} from those bytes. Flink's heap state backend does
 * both when it copies a series' detector that a running checkpoint still holds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class DetectorBenchmark {

    static final int WARM_POINTS = 4 * 288;
    private static final int SERIES_LENGTH = 1 << 16;
    private static final long STEP_MS = 300_000L;

    @Param({"spike", "level_shift", "variance_change", "seasonal", "spectral_residual",
            "ensemble"})
    public String detector;

    private StreamingDetector model;
    private byte[] snapshotBytes;
    private double[] values;
    private long timestampMs;
    private int index;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        values = new double[SERIES_LENGTH];
        for (int i = 0; i < SERIES_LENGTH; i++) {
            double phase = 2 * Math.PI * i / 288;
            values[i] = 100 + 30 * Math.sin(phase) + 2 * random.nextGaussian()
                    + (random.nextInt(500) == 0 ? 40 : 0);
        }
        model = create(detector);
        timestampMs = 1_700_006_400_000L;
        for (index = 0; index < WARM_POINTS; index++) {
            model.update(timestampMs, values[index]);
            timestampMs += STEP_MS;
        }
        snapshotBytes = model.toBytes();
    }

    static StreamingDetector create(String name) {
        DetectorConfig config = DetectorConfig.defaults();
        return switch (name) {
            case "spike" -> new SpikeDetector(config);
            case "level_shift" -> new LevelShiftDetector(config);
            case "variance_change" -> new VarianceChangeDetector(config);
            case "seasonal" -> new SeasonalDetector(config);
            case "spectral_residual" -> new SpectralResidualDetector(config);
            case "ensemble" -> Detectors.newEnsemble(config);
            default -> throw new IllegalArgumentException("Unknown detector '" + name
                    + "'; use one of the @Param values");
        };
    }

    @Benchmark
    public double updateOnePoint() {
        double value = values[index & (SERIES_LENGTH - 1)];
        index++;
        timestampMs += STEP_MS;
        return model.update(timestampMs, value).score();
    }

    @Benchmark
    public byte[] snapshot() {
        return model.toBytes();
    }

    @Benchmark
    public StreamingDetector restore() {
        DetectorConfig config = DetectorConfig.defaults();
        return switch (detector) {
            case "spike" -> SpikeDetector.restore(snapshotBytes, config);
            case "level_shift" -> LevelShiftDetector.restore(snapshotBytes, config);
            case "variance_change" -> VarianceChangeDetector.restore(snapshotBytes, config);
            case "seasonal" -> SeasonalDetector.restore(snapshotBytes, config);
            case "spectral_residual" -> SpectralResidualDetector.restore(snapshotBytes, config);
            case "ensemble" -> Detectors.restoreEnsemble(snapshotBytes, config);
            default -> throw new IllegalArgumentException("Unknown detector '" + detector
                    + "'; use one of the @Param values");
        };
    }
}
