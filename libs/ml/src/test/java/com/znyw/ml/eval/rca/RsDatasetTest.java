package com.znyw.ml.eval.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.znyw.ml.rca.Cube;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsDatasetTest {

    @TempDir
    Path dir;

    @Test
    void causesParseMapsAndLists() {
        assertThat(RsDataset.parseCauses("{'bitrate':2000,'p2p':1}"))
                .containsExactly("bitrate=2000&p2p=1");
        assertThat(RsDataset.parseCauses("[{'bitrate':4000}, {'bitrate':2000}]"))
                .containsExactly("bitrate=4000", "bitrate=2000");
        assertThat(RsDataset.parseCauses("{'isp':'联通', 'cdn':5}"))
                .containsExactly("cdn=5&isp=联通");
        assertThatThrownBy(() -> RsDataset.parseCauses("bitrate"))
                .hasMessageContaining("invalid cause 'bitrate'");
    }

    @Test
    void forecastUsesEarlierMinutesOnly() throws IOException {
        Files.writeString(dir.resolve("anomaly.yaml"), """
                - data: case one
                  timestamp: 180
                  cause: {'cdn':'移动'}
                """, StandardCharsets.UTF_8);
        // Minute 240 comes after the anomaly and must not influence the forecast.
        Files.writeString(dir.resolve("case one.csv"), """
                min,cdn,value,cnt
                60,移动,1,100
                120,移动,3,100
                180,移动,40,100
                240,移动,99,100
                60,电信,2,50
                180,电信,1,50
                """, StandardCharsets.UTF_8);

        List<RcaCase> cases = RsDataset.load(dir, 10, RsDataset.Statistic.MEAN);

        assertThat(cases).hasSize(1);
        RcaCase c = cases.get(0);
        assertThat(c.name()).isEqualTo("case one");
        assertThat(c.truth()).containsExactly("cdn=移动");
        Cube cube = c.cube();
        assertThat(cube.isDerived()).isTrue();
        assertThat(cube.leafCount()).isEqualTo(2);
        int mobile = cube.value(0, cube.code(0, 0)).equals("移动") ? 0 : 1;
        assertThat(cube.real(mobile)).isEqualTo(60);
        assertThat(cube.realDenominator(mobile)).isEqualTo(100);
        assertThat(cube.predict(mobile)).isEqualTo(98);
        assertThat(cube.predictDenominator(mobile)).isEqualTo(100);
        // 电信 is missing at minute 120, which counts as 0 there.
        assertThat(cube.predictDenominator(1 - mobile)).isEqualTo(25);
    }

    @Test
    void missingCaseFileIsNamed() throws IOException {
        Files.writeString(dir.resolve("anomaly.yaml"), """
                - data: absent
                  timestamp: 60
                  cause: {'cdn':5}
                """, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RsDataset.load(dir, 4, RsDataset.Statistic.MEDIAN))
                .hasMessageContaining("case file not found")
                .hasMessageContaining("absent.csv");
    }

    @Test
    void emptyLabelFileIsRejected() throws IOException {
        Files.writeString(dir.resolve("anomaly.yaml"), "# nothing\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RsDataset.load(dir, 4, RsDataset.Statistic.MEDIAN))
                .hasMessageContaining("no cases found");
    }
}
