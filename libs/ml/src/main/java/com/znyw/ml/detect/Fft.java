package com.znyw.ml.detect;

/** In-place iterative radix-2 Cooley-Tukey fast Fourier transform of a complex array. */
final class Fft {

    private Fft() {
    }

    /**
     * Transforms {@code real + i * imaginary} in place; the inverse transform divides by n.
     *
     * @throws IllegalArgumentException if the length is not a power of two or the arrays differ
     */
    static void transform(double[] real, double[] imaginary, boolean inverse) {
        int n = real.length;
        if (n != imaginary.length || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT needs two arrays of one power-of-two length, got "
                    + real.length + " and " + imaginary.length);
        }
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = real[i];
                real[i] = real[j];
                real[j] = t;
                t = imaginary[i];
                imaginary[i] = imaginary[j];
                imaginary[j] = t;
            }
        }
        for (int length = 2; length <= n; length <<= 1) {
            double angle = 2 * Math.PI / length * (inverse ? 1 : -1);
            double stepReal = Math.cos(angle);
            double stepImaginary = Math.sin(angle);
            for (int start = 0; start < n; start += length) {
                double wReal = 1.0;
                double wImaginary = 0.0;
                for (int k = 0; k < length / 2; k++) {
                    int a = start + k;
                    int b = a + length / 2;
                    double bReal = real[b] * wReal - imaginary[b] * wImaginary;
                    double bImaginary = real[b] * wImaginary + imaginary[b] * wReal;
                    real[b] = real[a] - bReal;
                    imaginary[b] = imaginary[a] - bImaginary;
                    real[a] += bReal;
                    imaginary[a] += bImaginary;
                    double nextReal = wReal * stepReal - wImaginary * stepImaginary;
                    wImaginary = wReal * stepImaginary + wImaginary * stepReal;
                    wReal = nextReal;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                real[i] /= n;
                imaginary[i] /= n;
            }
        }
    }
}
