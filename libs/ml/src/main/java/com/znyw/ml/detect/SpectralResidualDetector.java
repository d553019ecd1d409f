package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Frequency-domain saliency: points that stand out from the shape of their recent window.
 *
 * <p>Idea: Spectral Residual (Ren et al., "Time-Series Anomaly Detection Service at Microsoft",
 * KDD 2019, after Hou and Zhang's visual saliency, CVPR 2007). Take the Fourier transform of the
 * last {@value #WINDOW} values, subtract from the log amplitude spectrum its
 * 3-bin moving average (the "spectral residual"), and transform back with
 * the original phases; the magnitude of the result is the saliency map. As in the paper,
 * {@value #EXTENSION} points extrapolated from the average slope of the last points are appended
 * before the transform, so the newest point is not at the window edge; unlike the paper, the
 * slope leaves out the newest point itself. The window's mean is removed first, so the
 * constant term does not dominate the spectrum. The deviation is the
 * newest point's saliency relative to a running mean of past saliencies, {@code (s - mean) /
 * mean}, kept only when positive.
 *
 * <p>NOTE: a spike in the newest point often gets its highest saliency one point later, once it
 * is no longer next to the extension, so this view can alarm one point late.
 *
 * <p>Cost per point: one FFT of {@value #FFT_SIZE} real points (a complex FFT of half that
 * length, see {@link RealFft}) and one term of the inverse DFT, since only the newest point's
 * saliency is used. That is fixed, so O(1) in the length of
 * the series, but well above the other detectors (see the benchmark). State: {@value #STATE_BYTES} bytes serialized.
 */
public final class SpectralResidualDetector extends CalibratedDetector {

    static final byte KIND = 5;
    static final int FFT_SIZE = 64;
    static final int EXTENSION = 5;
    static final int WINDOW = FFT_SIZE - EXTENSION;
    public static final int STATE_BYTES = BASE_STATE_BYTES + 8 * WINDOW + 4 + 8 + 8;

    private static final double SALIENCY_ALPHA = 0.05;
    private static final double LOG_FLOOR = 1e-8;
    private static final RealFft FFT = new RealFft(FFT_SIZE);

    /**
     * cos and sin of 2 pi k n / N for the newest point n and bins k up to N/2, the inverse DFT's
     * twiddle factors.
     */
    private static final double[] NEWEST_COS = new double[FFT_SIZE / 2 + 1];
    private static final double[] NEWEST_SIN = new double[FFT_SIZE / 2 + 1];

    static {
        int newest = WINDOW - 1;
        for (int k = 0; k <= FFT_SIZE / 2; k++) {
            double angle = 2 * Math.PI * ((long) k * newest % FFT_SIZE) / FFT_SIZE;
            NEWEST_COS[k] = Math.cos(angle);
            NEWEST_SIN[k] = Math.sin(angle);
        }
    }

    private final double[] window = new double[WINDOW];
    private int filled;
    private int next;
    private double meanSaliency;
    private long scoredPoints;

    // Scratch arrays reused between points; not part of the state.
    private final double[] samples = new double[FFT_SIZE];
    private final double[] real = new double[FFT_SIZE / 2 + 1];
    private final double[] imaginary = new double[FFT_SIZE / 2 + 1];
    private final double[] workReal = new double[FFT_SIZE / 2];
    private final double[] workImaginary = new double[FFT_SIZE / 2];
    private final double[] amplitude = new double[FFT_SIZE / 2 + 1];
    private final double[] logAmplitude = new double[FFT_SIZE / 2 + 1];
    private final double[] factor = new double[FFT_SIZE / 2 + 1];

    public SpectralResidualDetector(DetectorConfig config) {
        super("spectral_residual", KIND, STATE_BYTES, config);
    }

    /** Restores a detector from {@link #toBytes()}. */
    public static SpectralResidualDetector restore(byte[] state, DetectorConfig config) {
        SpectralResidualDetector detector = new SpectralResidualDetector(config);
        detector.restore(state);
        return detector;
    }

    @Override
    void observe(long timestampMs, double value, Observation out) {
        window[next] = value;
        next = (next + 1) % WINDOW;
        filled = Math.min(filled + 1, WINDOW);
        if (filled < WINDOW) {
            out.notReady(value);
            return;
        }
        double mean = loadWindow();
        double saliency = saliencyOfNewest();
        double deviation = scoredPoints == 0 ? Double.NaN : 0.0;
        if (scoredPoints > 0 && meanSaliency > 0) {
            deviation = Math.max(0.0, (saliency - meanSaliency) / meanSaliency);
        }
        out.set(deviation, mean, 0.0);
        scoredPoints++;
        double weight = Math.max(SALIENCY_ALPHA, 1.0 / scoredPoints);
        meanSaliency += weight * (saliency - meanSaliency);
    }

    /**
     * Copies the window, oldest first, minus its mean and scaled to at most 1 in magnitude, and
     * appends the extrapolated points; returns the window's mean.
     */
    private double loadWindow() {
        double mean = 0;
        for (double v : window) {
            mean += v / WINDOW;
        }
        double magnitude = 0;
        for (double v : window) {
            magnitude = Math.max(magnitude, Math.abs(v - mean));
        }
        double divisor = magnitude > 0 ? magnitude : 1.0;
        // The ring buffer's oldest value is at index next.
        int oldest = WINDOW - next;
        for (int i = 0; i < oldest; i++) {
            samples[i] = (window[next + i] - mean) / divisor;
        }
        for (int i = oldest; i < WINDOW; i++) {
            samples[i] = (window[i - oldest] - mean) / divisor;
        }
        // The slope comes from the points before the newest one, so that a spike in the newest
        // point is not extrapolated into the extension and does not hide itself.
        int last = WINDOW - 2;
        double slope = 0;
        for (int i = 1; i <= EXTENSION; i++) {
            slope += (samples[last] - samples[last - i]) / i;
        }
        slope /= EXTENSION;
        double extension = samples[last - EXTENSION + 1] + slope * EXTENSION;
        for (int i = WINDOW; i < FFT_SIZE; i++) {
            samples[i] = extension;
        }
        return mean;
    }

    private double saliencyOfNewest() {
        // The input is real, so bin N - k is the conjugate of bin k: only bins 0 to N/2 are
        // computed, and amplitudes, their logs and the residual factors are symmetric.
        FFT.transform(samples, real, imaginary, workReal, workImaginary);
        int half = FFT_SIZE / 2;
        for (int k = 0; k <= half; k++) {
            amplitude[k] = Math.sqrt(real[k] * real[k] + imaginary[k] * imaginary[k]);
            logAmplitude[k] = Math.log(amplitude[k] + LOG_FLOOR);
        }
        // The 3-bin moving average of the log amplitudes. Bins -1 and N/2 + 1 mirror bins 1
        // and N/2 - 1.
        double below = logAmplitude[1];
        for (int k = 0; k <= half; k++) {
            double above = k < half ? logAmplitude[k + 1] : logAmplitude[half - 1];
            double averageLog = (below + logAmplitude[k] + above) / 3;
            below = logAmplitude[k];
            // Keep the phase, replace the amplitude by exp(residual).
            factor[k] = amplitude[k] > 0
                    ? Math.exp(logAmplitude[k] - averageLog) / amplitude[k] : 0.0;
        }
        // Only the newest point of the saliency map is needed, so the inverse transform is one
        // term of the inverse DFT instead of a whole inverse FFT. Bins k and N - k are
        // conjugates with the same factor, so their terms add up to twice the real part of
        // one of them, and the result is real.
        double saliency = 0;
        for (int k = 0; k <= half; k++) {
            double term = factor[k] * (real[k] * NEWEST_COS[k] - imaginary[k] * NEWEST_SIN[k]);
            saliency += k == 0 || k == half ? term : 2 * term;
        }
        return Math.abs(saliency) / FFT_SIZE;
    }

    @Override
    void writeModel(DataOutput out) throws IOException {
        for (double v : window) {
            out.writeDouble(v);
        }
        out.writeInt(filled * WINDOW + next);
        out.writeDouble(meanSaliency);
        out.writeLong(scoredPoints);
    }

    @Override
    void readModel(DataInput in) throws IOException {
        for (int i = 0; i < WINDOW; i++) {
            window[i] = in.readDouble();
        }
        int position = StateFormat.checkRange("window position", in.readInt(), 0,
                WINDOW * WINDOW + WINDOW - 1);
        filled = position / WINDOW;
        next = position % WINDOW;
        meanSaliency = in.readDouble();
        scoredPoints = in.readLong();
    }
}
