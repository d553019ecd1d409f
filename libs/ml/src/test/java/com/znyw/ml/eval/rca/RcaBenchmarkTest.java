package com.znyw.ml.eval.rca;

import static org.assertj.core.api.Assertions.assertThat;

import com.znyw.ml.eval.BenchText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcaBenchmarkTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RcaBenchmark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), BenchText.english());
    }

    @Test
    void missingDataOptionIsReported() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing --data");
    }

    @Test
    void dataOptionWithoutFolderIsReported() {
        assertThat(run("--data")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--data needs a folder");
    }

    @Test
    void unknownOptionIsReported() {
        assertThat(run("--fast")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--fast'");
    }

    @Test
    void invalidHistoryIsReported() {
        assertThat(run("--data", dir.toString(), "--history", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--history needs a whole number");
    }

    @Test
    void invalidForecastIsReported() {
        assertThat(run("--data", dir.toString(), "--forecast", "mode")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--forecast needs 'median' or 'mean', got 'mode'");
    }

    @Test
    void folderWithoutDataSetsIsReported() {
        assertThat(run("--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no data set found in");
    }

    @Test
    void smallRsSetIsScoredAndPrinted() throws IOException {
        Path rs = Files.createDirectories(dir.resolve("rs"));
        Files.writeString(rs.resolve("anomaly.yaml"), """
                - data: tiny
                  timestamp: 300
                  cause: {'cdn':'a'}
                """, StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("min,cdn,bitrate,value,cnt\n");
        for (int minute = 60; minute <= 300; minute += 60) {
            for (String cdn : new String[] {"a", "b", "c", "d"}) {
                for (String bitrate : new String[] {"500", "1000", "2000"}) {
                    int failures = minute == 300 && cdn.equals("a") ? 300 : 10;
                    csv.append(minute).append(',').append(cdn).append(',').append(bitrate)
                            .append(',').append(failures).append(",1000\n");
                }
            }
        }
        Files.writeString(rs.resolve("tiny.csv"), csv, StandardCharsets.UTF_8);

        assertThat(run("--data", dir.toString(), "--history", "4", "--forecast", "mean",
                "--verbose")).isEqualTo(0);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("rs forecast: mean of up to 4 minutes");
        assertThat(printed).contains("rs           cases=1 F1=1.000");
        assertThat(printed).contains("predicted=[cdn=a]");
        assertThat(printed).doesNotContain("synthetic-s");
    }
}
