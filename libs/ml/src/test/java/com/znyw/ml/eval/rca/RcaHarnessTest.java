package com.znyw.ml.eval.rca;

import static org.assertj.core.api.Assertions.assertThat;

import com.znyw.ml.rca.RippleCoverLocalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the evaluation on the shared data with the default settings and fails when F1 drops
 * below a floor a little under the measured value, so a regression breaks the build.
 */
class RcaHarnessTest {

    private static final int SYNTHETIC_CASES = 8;
    /** Measured 0.548 on all 68 RS cases with the defaults, by RcaBenchmark. */
    private static final double FLOOR_RS = 0.50;
    /** Measured 0.667 on the first 8 synthetic-s cubes with the defaults. */
    private static final double FLOOR_SYNTHETIC = 0.60;

    private static Path data;

    @BeforeAll
    static void locateData() {
        String home = System.getProperty("znyw.home");
        if (home == null) {
            throw new IllegalStateException("system property znyw.home is not set; run the tests"
                    + " through Maven, which sets it to the repository root");
        }
        data = Path.of(home).resolve("../shared/data/rca").normalize();
        if (!Files.isRegularFile(data.resolve("rs/anomaly.yaml"))
                || !Files.isRegularFile(data.resolve("synthetic-s/injection_info.csv"))) {
            throw new IllegalStateException("evaluation data not found in " + data
                    + ": expected rs/anomaly.yaml and synthetic-s/injection_info.csv");
        }
    }

    @Test
    void rsF1StaysAboveFloor() {
        List<RcaCase> cases = RsDataset.load(data.resolve("rs"),
                RsDataset.DEFAULT_HISTORY_MINUTES, RsDataset.Statistic.MEDIAN);

        RcaEvaluation evaluation = RcaEvaluation.run(new RippleCoverLocalizer(), cases);

        assertThat(cases).hasSize(68);
        assertThat(evaluation.scorer().f1()).as("RS F1").isGreaterThanOrEqualTo(FLOOR_RS);
    }

    @Test
    void syntheticF1StaysAboveFloor() {
        List<RcaCase> cases = SyntheticDataset.load(data.resolve("synthetic-s"), SYNTHETIC_CASES);

        RcaEvaluation evaluation = RcaEvaluation.run(new RippleCoverLocalizer(), cases);

        assertThat(cases).hasSize(SYNTHETIC_CASES);
        assertThat(cases.get(0).cube().leafCount()).isEqualTo(48_000);
        assertThat(evaluation.scorer().f1()).as("synthetic-s F1 on %d cubes", SYNTHETIC_CASES)
                .isGreaterThanOrEqualTo(FLOOR_SYNTHETIC);
    }
}
