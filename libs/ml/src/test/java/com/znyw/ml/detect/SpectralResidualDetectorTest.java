package com.znyw.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpectralResidualDetectorTest {

    @Test
    void spikeInSmoothSeriesIsSalient() {
        double[] values = Series.daily(2000, 100, 30, 0.5, 16);
        values[1600] += 15;
        SpectralResidualDetector detector = new SpectralResidualDetector(new DetectorConfig(10));

        Detection[] detections = Series.run(detector, values);

        // The saliency peaks at the spike or one point later, when it is no longer at the edge.
        double spikeScore = Math.max(detections[1600].score(), detections[1601].score());
        int higher = 0;
        for (int i = 400; i < detections.length; i++) {
            if (i != 1600 && i != 1601 && detections[i].score() >= spikeScore) {
                higher++;
            }
        }
        // Saliency on a smooth wave is noisy, so the spike must rank in the top 0.5 %.
        assertThat(higher).isLessThanOrEqualTo(8);
    }

    @Test
    void fftRoundTripRestoresInput() {
        double[] real = {1, -2, 3.5, 0, 7, 1, -1, 2};
        double[] imaginary = new double[8];
        double[] original = real.clone();

        Fft fft = new Fft(8);
        fft.transform(real, imaginary, false);
        assertThat(real[0]).isCloseTo(11.5, offset(1e-12));
        fft.transform(real, imaginary, true);

        for (int i = 0; i < 8; i++) {
            assertThat(real[i]).isCloseTo(original[i], offset(1e-12));
            assertThat(imaginary[i]).isCloseTo(0.0, offset(1e-12));
        }
    }

    @Test
    void fftRejectsBadSizes() {
        assertThatThrownBy(() -> new Fft(12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two, was 12");
        Fft fft = new Fft(8);
        assertThatThrownBy(() -> fft.transform(new double[8], new double[4], false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 and 4");
    }

    @Test
    void realFftMatchesTheComplexTransform() {
        Random random = new Random(7);
        for (int size : new int[] {2, 4, 8, 64}) {
            double[] input = new double[size];
            for (int i = 0; i < size; i++) {
                input[i] = random.nextGaussian() * 10;
            }
            double[] expectedReal = input.clone();
            double[] expectedImaginary = new double[size];
            new Fft(size).transform(expectedReal, expectedImaginary, false);

            double[] real = new double[size / 2 + 1];
            double[] imaginary = new double[size / 2 + 1];
            double[] original = input.clone();
            new RealFft(size).transform(input, real, imaginary,
                    new double[size / 2], new double[size / 2]);

            assertThat(input).containsExactly(original);
            for (int k = 0; k <= size / 2; k++) {
                assertThat(real[k]).as("size %d bin %d real", size, k)
                        .isCloseTo(expectedReal[k], offset(1e-9));
                assertThat(imaginary[k]).as("size %d bin %d imaginary", size, k)
                        .isCloseTo(expectedImaginary[k], offset(1e-9));
            }
        }
    }

    @Test
    void realFftRejectsBadSizes() {
        assertThatThrownBy(() -> new RealFft(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2, was 1");
        assertThatThrownBy(() -> new RealFft(24))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 24");
        RealFft fft = new RealFft(8);
        assertThatThrownBy(() -> fft.transform(new double[8], new double[4], new double[5],
                new double[4], new double[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need at least 5");
    }
}
