package com.znyw.ml.detect;

/**
 * Fourier transform of a real sequence of one fixed power-of-two length {@code n}, computed with
 * one complex {@link Fft} of length {@code n / 2}: the even samples are packed as the real parts
 * and the odd samples as the imaginary parts, and the two half spectra are separated and combined
 * afterwards. This takes about half the work of a complex transform of length {@code n} with zero
 * imaginary parts. The spectrum of a real sequence is conjugate-symmetric, so only bins 0 to
 * {@code n / 2} are returned. Instances are immutable and can be shared between threads; the
 * caller supplies the scratch arrays.
 */
final class RealFft {

    private final int size;
    private final int half;
    private final Fft halfTransform;
    /** cos(2 pi k / n) and sin(2 pi k / n) for k from 0 to n / 2. */
    private final double[] cos;
    private final double[] sin;

    /**
     * Creates the transform of arrays of {@code size} elements.
     *
     * @throws IllegalArgumentException if {@code size} is not a power of two of at least 2
     */
    RealFft(int size) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException(
                    "real FFT size must be a power of two of at least 2, was " + size);
        }
        this.size = size;
        this.half = size / 2;
        this.halfTransform = new Fft(half);
        cos = new double[half + 1];
        sin = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            double angle = 2 * Math.PI * k / size;
            cos[k] = Math.cos(angle);
            sin[k] = Math.sin(angle);
        }
    }

    /**
     * Writes bins 0 to {@code n / 2} of the forward transform of {@code input} to {@code real}
     * and {@code imaginary}; bin {@code n - k} is the complex conjugate of bin {@code k}.
     *
     * @param input         {@code n} real samples, left unchanged
     * @param real          receives the real parts, at least {@code n / 2 + 1} elements
     * @param imaginary     receives the imaginary parts, at least {@code n / 2 + 1} elements
     * @param workReal      scratch of exactly {@code n / 2} elements
     * @param workImaginary scratch of exactly {@code n / 2} elements
     * @throws IllegalArgumentException if an array is too short or a scratch array has the
     *                                  wrong length
     */
    void transform(double[] input, double[] real, double[] imaginary,
                   double[] workReal, double[] workImaginary) {
        if (input.length != size || real.length <= half || imaginary.length <= half) {
            throw new IllegalArgumentException("real FFT of size " + size + " got an input of "
                    + input.length + " and outputs of " + real.length + " and "
                    + imaginary.length + " elements; outputs need at least " + (half + 1));
        }
        for (int i = 0; i < half; i++) {
            workReal[i] = input[2 * i];
            workImaginary[i] = input[2 * i + 1];
        }
        halfTransform.transform(workReal, workImaginary, false);
        for (int k = 0; k <= half; k++) {
            // Z[k] and Z[half - k], with Z[half] = Z[0] because Z has period half.
            int direct = k == half ? 0 : k;
            int mirror = k == 0 ? 0 : half - k;
            double zReal = workReal[direct];
            double zImaginary = workImaginary[direct];
            double mReal = workReal[mirror];
            double mImaginary = workImaginary[mirror];
            // Spectrum of the even samples: (Z[k] + conj(Z[half - k])) / 2.
            double evenReal = 0.5 * (zReal + mReal);
            double evenImaginary = 0.5 * (zImaginary - mImaginary);
            // Spectrum of the odd samples: (Z[k] - conj(Z[half - k])) / 2i.
            double oddReal = 0.5 * (zImaginary + mImaginary);
            double oddImaginary = -0.5 * (zReal - mReal);
            // X[k] = even + exp(-2 pi i k / n) * odd.
            real[k] = evenReal + cos[k] * oddReal + sin[k] * oddImaginary;
            imaginary[k] = evenImaginary + cos[k] * oddImaginary - sin[k] * oddReal;
        }
    }
}
