package com.znyw.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.znyw.jobs.text.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaults() {
        DemoOptions options = DemoOptions.parse(new String[0]);
        assertThat(options.data()).isEqualTo(Path.of("../shared/data/nab"));
        assertThat(options.workDir()).isEqualTo(Path.of(".work/demo"));
        assertThat(options.replaySeconds()).isEqualTo(180);
        assertThat(options.flinkPort()).isEqualTo(8081);
        assertThat(options.consolePort()).isEqualTo(8080);
        assertThat(options.withConsole()).isTrue();
        assertThat(options.exitAfterReplay()).isFalse();
    }

    @Test
    void everyOption() {
        DemoOptions options = DemoOptions.parse(new String[] {"--data", "/d", "--workdir", "/w",
                "--replay-seconds", "60", "--flink-port", "0", "--console-port", "18080",
                "--no-console", "--exit-after-replay"});
        assertThat(options).isEqualTo(new DemoOptions(Path.of("/d"), Path.of("/w"), 60, 0, 18080,
                false, true));
    }

    @Test
    void unknownOption() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--fast"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'--fast'");
    }

    @Test
    void missingValue() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--data"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("missing value after --data");
    }

    @Test
    void replaySecondsMustBePositive() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--replay-seconds", "0"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'0' for --replay-seconds")
                .hasMessageContaining("from 1 to 604,800");
    }

    @Test
    void replaySecondsMustBeANumber() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--replay-seconds", "3m"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'3m' for --replay-seconds");
    }

    @Test
    void portAbove65535() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--console-port", "65536"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'65536' for --console-port")
                .hasMessageContaining("0 to 65535");
    }

    @Test
    void portMustBeANumber() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--flink-port", "abc"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'abc' for --flink-port")
                .hasMessageContaining("0 to 65535");
    }

    @Test
    void negativePort() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--flink-port", "-1"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'-1' for --flink-port");
    }
}
