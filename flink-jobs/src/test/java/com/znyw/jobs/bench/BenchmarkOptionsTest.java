package com.znyw.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.znyw.jobs.bench.PipelineBenchmark.BenchmarkOptions;
import org.junit.jupiter.api.Test;

/** Flag parsing of {@link PipelineBenchmark}: defaults, values and rejected input. */
class BenchmarkOptionsTest {

    @Test
    void defaultsWithoutFlags() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[0]);

        assertThat(options.series()).isEqualTo(1000);
        assertThat(options.points()).isEqualTo(200_000);
        assertThat(options.parallelism()).isEqualTo(2);
        assertThat(options.rounds()).isEqualTo(2);
        assertThat(options.objectReuse()).isFalse();
        assertThat(options.store()).isTrue();
        assertThat(options.storeBatchSize()).isEqualTo(5000);
        assertThat(options.passThroughToStore()).isFalse();
        assertThat(options.help()).isFalse();
    }

    @Test
    void everyFlagIsRead() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--series", "10",
                "--points", "50", "--parallelism", "1", "--rounds", "3", "--object-reuse", "true",
                "--store", "none", "--store-batch-size", "8000", "--pass-through-sink", "discard"});

        assertThat(options.series()).isEqualTo(10);
        assertThat(options.points()).isEqualTo(50);
        assertThat(options.parallelism()).isEqualTo(1);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.objectReuse()).isTrue();
        assertThat(options.store()).isFalse();
        assertThat(options.storeBatchSize()).isEqualTo(8000);
    }

    @Test
    void helpFlagAsksForUsage() {
        assertThat(BenchmarkOptions.parse(new String[] {"--help"}).help()).isTrue();
        assertThat(BenchmarkOptions.parse(new String[] {"--series", "5", "-h"}).help()).isTrue();
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--points", "abc"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--points").hasMessageContaining("abc");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--series", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--series 0");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--parallelism", "65"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--store-batch-size", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--store-batch-size 0");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--store", "s3"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("questdb or none");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--object-reuse", "yes"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true or false");
    }

    @Test
    void missingValueAndUnknownFlagRejected() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--rounds"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing value after --rounds");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--threads", "4"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown flag --threads");
    }

    @Test
    void passThroughSinkFlag() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--pass-through-sink",
                "store"});

        assertThat(options.passThroughToStore()).isTrue();
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--pass-through-sink",
                "kafka"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store or discard");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--pass-through-sink",
                "store", "--store", "none"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs --store questdb");
    }

    @Test
    void fewerPointsThanSeriesRejected() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--series", "10",
                "--points", "9"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--points 9 is below --series 10");
    }
}
