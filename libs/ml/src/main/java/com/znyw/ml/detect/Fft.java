package com.znyw.ml.detect;

/**
 * In-place iterative radix-2 Cooley-Tukey fast Fourier transform of complex arrays of one fixed
 * power-of-two length. The bit-reversal permutation and the twiddle factors are computed once,
 * when the instance is created, so a transform calls no trigonometric function. Instances are
 * immutable and can be shared between threads.
 */
final class Fft {

    private final int size;
    /** For each index, its bit-reversed partner when that is larger, else -1 (swap once). */
    private final int[] swapWith;
    /** cos(2 pi j / n) and sin(2 pi j / n) for j below n / 2. */
    private final double[] cos;
    private final double[] sin;

    /**
     * Creates the transform of arrays of {@code size} elements.
     *
     * @throws IllegalArgumentException if {@code size} is not a power of two
     */
    Fft(int size) {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two, was " + size);
        }
        this.size = size;
        swapWith = new int[size];
        int bits = Integer.numberOfTrailingZeros(size);
        for (int i = 0; i < size; i++) {
            int reversed = bits == 0 ? 0 : Integer.reverse(i) >>> (Integer.SIZE - bits);
            swapWith[i] = i < reversed ? reversed : -1;
        }
        cos = new double[Math.max(1, size / 2)];
        sin = new double[Math.max(1, size / 2)];
        for (int j = 0; j < size / 2; j++) {
            double angle = 2 * Math.PI * j / size;
            cos[j] = Math.cos(angle);
            sin[j] = Math.sin(angle);
        }
    }

    /**
     * Transforms {@code real + i * imaginary} in place; the inverse transform divides by n.
     *
     * @throws IllegalArgumentException if an array's length is not this transform's size
     */
    void transform(double[] real, double[] imaginary, boolean inverse) {
        if (real.length != size || imaginary.length != size) {
            throw new IllegalArgumentException("FFT of size " + size + " got arrays of "
                    + real.length + " and " + imaginary.length + " elements");
        }
        for (int i = 0; i < size; i++) {
            int j = swapWith[i];
            if (j >= 0) {
                double t = real[i];
                real[i] = real[j];
                real[j] = t;
                t = imaginary[i];
                imaginary[i] = imaginary[j];
                imaginary[j] = t;
            }
        }
        double sign = inverse ? 1.0 : -1.0;
        for (int length = 2; length <= size; length <<= 1) {
            int half = length / 2;
            int stride = size / length;
            for (int start = 0; start < size; start += length) {
                for (int k = 0; k < half; k++) {
                    double wReal = cos[k * stride];
                    double wImaginary = sign * sin[k * stride];
                    int a = start + k;
                    int b = a + half;
                    double bReal = real[b] * wReal - imaginary[b] * wImaginary;
                    double bImaginary = real[b] * wImaginary + imaginary[b] * wReal;
                    real[b] = real[a] - bReal;
                    imaginary[b] = imaginary[a] - bImaginary;
                    real[a] += bReal;
                    imaginary[a] += bImaginary;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < size; i++) {
                real[i] /= size;
                imaginary[i] /= size;
            }
        }
    }
}
