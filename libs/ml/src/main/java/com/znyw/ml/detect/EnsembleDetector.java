package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The production detector: several single-view detectors score each point, and their evidence
 * is pooled into one score.
 *
 * <p>Components: {@link SpikeDetector}, {@link LevelShiftDetector},
 * {@link VarianceChangeDetector}, {@link SeasonalDetector}, {@link SpectralResidualDetector} and
 * a second spike detector with a slow baseline ({@code long_baseline}, forgetting weight
 * {@value #LONG_BASELINE_ALPHA} per point) for departures from the long-term level. All but the
 * seasonal one see the deseasonalized value once the seasonal component has found a period, so
 * a daily pattern does not look like a spike or a level shift to them.
 *
 * <p>Each component returns the tail probability of its own deviation under its own
 * peaks-over-threshold model, so the probabilities are on one scale. They are combined twice.
 * Fisher's method (Fisher 1925) lets a point that two views find somewhat unusual outrank one
 * that a single view finds very unusual. A Bonferroni bound on the smallest probability keeps
 * strong evidence from one view from being diluted. The smaller result, doubled for taking the
 * better of two tests, is the point's tail probability.
 *
 * <p>Episodes that build up over several points are scored too: an exponentially weighted
 * average (weight {@value #SURPRISE_ALPHA}) of the points' surprise, {@code -log10 p}, has a
 * peaks-over-threshold tail model of its own, and the final probability is twice the smaller of
 * the point's and the episode's. The rules below are aimed at how operators, and the Numenta
 * Anomaly Benchmark, count alarms:
 * <ul>
 *   <li>Learning period: the first {@value #LEARNING_POINTS} points score 0 while the models and
 *   their tail estimates settle.</li>
 *   <li>Repeat suppression: a score that does not exceed the remembered peak of recent scores by
 *   {@value #REPEAT_MARGIN} is damped to {@value #REPEAT_DAMPING} of its value, and the peak
 *   decays by a factor {@value #PEAK_DECAY} per point, or per {@value #PEAK_DECAY_STEP_MS} ms
 *   between points further apart. An ongoing incident alarms once, not on every point. The
 *   peak of an hourly series fades as fast in time as that of a 5-minute series, and the peak
 *   of a 1-minute series as fast in points.</li>
 *   <li>Alarm memory ({@link AlarmMemory}): an alarm that does not beat earlier alarms at the
 *   same time of day, or one that follows an alarm within a few points, is damped as well, so a
 *   nightly job does not alarm every night and an incident alarms once.</li>
 *   <li>Record alarms and the refractory period: an alarm raised by either record rule below
 *   starts the alarm memory's refractory period like an alarm of the views, so a view that
 *   flags the same incident a few points later does not alarm a second time.</li>
 *   <li>New extremes: a value beyond the range of all earlier values of the series by more than
 *   {@value #NEW_EXTREME_TOLERANCE} of that range scores at least {@value #NEW_EXTREME_SCORE},
 *   whatever the views, the repeat suppression and the alarm memory return. The rule starts
 *   after the learning period and once the series spans one day
 *   ({@value #NEW_EXTREME_WARM_UP_MS} ms), so that a daily cycle has set the range. NAB's HTM
 *   detector has the same rule with the same tolerance, there to match how people label values
 *   larger than any seen before ({@code SPATIAL_TOLERANCE} in
 *   {@code nab/detectors/numenta/numenta_detector.py} of the NAB repository).</li>
 *   <li>New flat records: the same rule on the time axis. While the value has stayed exactly the
 *   same for at least {@value #FLAT_MIN_MS} ms and for longer than every earlier unchanged
 *   stretch by more than {@value #NEW_EXTREME_TOLERANCE} of that stretch, the point scores at
 *   least {@value #NEW_EXTREME_SCORE}, once per stretch. A metric that stops moving for longer
 *   than it ever has (a stalled writer, a stuck sensor) is news whatever its value.</li>
 * </ul>
 * The expected value and band come from the seasonal component once it has found a period, and
 * from the spike component before that. The detector name in each {@link Detection} is the
 * component with the smallest tail probability, or {@code new_extreme} or {@code new_flat} when
 * one of those rules raised the score.
 *
 * <p>Cost O(1) per point (amortized, see {@link SeasonalDetector}). State: {@value #STATE_BYTES}
 * bytes serialized, the sum of the components plus a few fields.
 */
public final class EnsembleDetector implements StreamingDetector {

    static final byte KIND = 10;
    static final int LEARNING_POINTS = 150;
    static final double REPEAT_DAMPING = 0.2;
    static final double PEAK_DECAY = 0.999;
    static final long PEAK_DECAY_STEP_MS = 300_000L;
    static final double REPEAT_MARGIN = 0.05;
    static final double SURPRISE_ALPHA = 0.1;
    static final double LONG_BASELINE_ALPHA = 0.0005;
    static final double NEW_EXTREME_TOLERANCE = 0.05;
    static final double NEW_EXTREME_SCORE = 0.9;
    static final String NEW_EXTREME_NAME = "new_extreme";
    static final long NEW_EXTREME_WARM_UP_MS = 86_400_000L;
    static final long FLAT_MIN_MS = 3_600_000L;
    static final String NEW_FLAT_NAME = "new_flat";
    public static final int STATE_BYTES = StateFormat.HEADER_BYTES + PointGuard.STATE_BYTES + 8 + 8
            + SpikeDetector.STATE_BYTES + LevelShiftDetector.STATE_BYTES
            + VarianceChangeDetector.STATE_BYTES + SeasonalDetector.STATE_BYTES
            + SpectralResidualDetector.STATE_BYTES + SpikeDetector.STATE_BYTES
            - 6 * StateFormat.HEADER_BYTES + 8 + PeaksOverThreshold.STATE_BYTES
            + AlarmMemory.STATE_BYTES + 8 + 8 + 8 + 8 + 8 + 8 + 1;

    private final PointGuard guard = new PointGuard();
    private final SpikeDetector spike;
    private final LevelShiftDetector levelShift;
    private final VarianceChangeDetector varianceChange;
    private final SeasonalDetector seasonal;
    private final SpectralResidualDetector spectralResidual;
    private final CalibratedDetector[] components;
    private Sensitivity sensitivity;
    private long periodMs;
    private double recentPeakScore;
    private double smoothedSurprise;
    private final PeaksOverThreshold episodeTail = new PeaksOverThreshold();
    private final AlarmMemory alarmMemory = new AlarmMemory();
    /** Smallest and largest value accepted so far, infinite before the first point. */
    private double minValue = Double.POSITIVE_INFINITY;
    private double maxValue = Double.NEGATIVE_INFINITY;
    private long firstTimestampMs = Long.MIN_VALUE;
    /** Value of the current unchanged stretch, NaN before the first point, and its start. */
    private double flatValue = Double.NaN;
    private long flatStartMs;
    /** Duration of the longest unchanged stretch that has ended. */
    private long longestFlatMs;
    /** Whether the current stretch has already raised a new-flat score. */
    private boolean flatRaised;

    public EnsembleDetector(DetectorConfig config) {
        this.sensitivity = Sensitivity.of(config);
        spike = new SpikeDetector(config);
        levelShift = new LevelShiftDetector(config);
        varianceChange = new VarianceChangeDetector(config);
        seasonal = new SeasonalDetector(config);
        spectralResidual = new SpectralResidualDetector(config);
        SpikeDetector longBaseline = new SpikeDetector(config, LONG_BASELINE_ALPHA, "long_baseline");
        components = new CalibratedDetector[] {
                spike, levelShift, varianceChange, seasonal, spectralResidual, longBaseline};
    }

    /** Restores an ensemble from {@link #toBytes()}. */
    public static EnsembleDetector restore(byte[] state, DetectorConfig config) {
        EnsembleDetector detector = new EnsembleDetector(config);
        StateFormat.decode(state, KIND, "ensemble", detector::readState);
        return detector;
    }

    @Override
    public Detection update(long timestampMs, double value) {
        guard.check(timestampMs, value);
        if (firstTimestampMs == Long.MIN_VALUE) {
            firstTimestampMs = timestampMs;
        }
        boolean newExtreme = observeRange(value);
        boolean newFlat = observeFlat(timestampMs, value);
        // The other components see the deseasonalized value, so a daily pattern is not news
        // to them once the seasonal component has found the period.
        double adjusted = value - seasonal.seasonalOffset(timestampMs, value);
        double minProbability = 1.0;
        double negativeLogSum = 0.0;
        CalibratedDetector decisive = spike;
        for (CalibratedDetector component : components) {
            double p = component.step(timestampMs, component == seasonal ? value : adjusted);
            negativeLogSum -= Math.log(p);
            if (p < minProbability) {
                minProbability = p;
                decisive = component;
            }
        }
        long elapsedMs = guard.points() == 0 ? 0 : timestampMs - guard.lastTimestampMs();
        guard.accept(timestampMs);

        double pointProbability = combinedProbability(negativeLogSum, minProbability,
                components.length);
        double surprise = -Math.log10(pointProbability);
        smoothedSurprise += SURPRISE_ALPHA * (surprise - smoothedSurprise);
        double episodeProbability = episodeTail.tailProbability(smoothedSurprise);
        episodeTail.learn(smoothedSurprise);
        double probability = Math.min(1.0, 2.0 * Math.min(pointProbability, episodeProbability));
        if (seasonal.periodMs() != periodMs) {
            // From the next point on the other components see values deseasonalized in another
            // way. The level stays, but a difference across the switch would be an artefact.
            periodMs = seasonal.periodMs();
            varianceChange.skipNextDifference();
        }
        double rawScore = guard.points() <= LEARNING_POINTS ? 0.0 : Sensitivity.scoreOf(probability);
        double score = alarmMemory.filter(guard.points(), timestampMs,
                suppressRepeats(rawScore, elapsedMs));
        String detector = decisive.name();
        boolean rangeKnown = guard.points() > LEARNING_POINTS
                && timestampMs - firstTimestampMs >= NEW_EXTREME_WARM_UP_MS;
        // A new extreme takes precedence when both record rules fire on the same point.
        String recordRule = newExtreme ? NEW_EXTREME_NAME : newFlat ? NEW_FLAT_NAME : null;
        if (recordRule != null && rangeKnown && score < NEW_EXTREME_SCORE) {
            score = NEW_EXTREME_SCORE;
            detector = recordRule;
            // The views' next few scores repeat the incident that this alarm reports.
            alarmMemory.noteRaisedAlarm(guard.points(), score);
        }
        boolean anomaly = score >= sensitivity.alarmScore() && score > 0;

        Detection band = (seasonal.periodMs() > 0 ? seasonal : spike).detection();
        return new Detection(score, band.expected(), band.lower(), band.upper(), anomaly,
                detector);
    }

    /**
     * Widens the range of accepted values to include {@code value} and returns whether the value
     * lay beyond the earlier range by more than {@link #NEW_EXTREME_TOLERANCE} of that range.
     */
    private boolean observeRange(double value) {
        boolean outside = false;
        if (maxValue > minValue) {
            double tolerance = NEW_EXTREME_TOLERANCE * (maxValue - minValue);
            outside = value > maxValue + tolerance || value < minValue - tolerance;
        }
        minValue = Math.min(minValue, value);
        maxValue = Math.max(maxValue, value);
        return outside;
    }

    /**
     * Follows the stretch of exactly equal values that {@code value} belongs to and returns
     * whether this point makes it, for the first time, longer than {@link #FLAT_MIN_MS} and than
     * every earlier stretch by more than {@link #NEW_EXTREME_TOLERANCE} of the longest one. A
     * stretch lasts from its first point to the point that ends it, so a value seen once lasts
     * one sampling step.
     */
    private boolean observeFlat(long timestampMs, double value) {
        if (value != flatValue) {
            if (!Double.isNaN(flatValue)) {
                longestFlatMs = Math.max(longestFlatMs, timestampMs - flatStartMs);
            }
            flatValue = value;
            flatStartMs = timestampMs;
            flatRaised = false;
            return false;
        }
        long duration = timestampMs - flatStartMs;
        boolean record = longestFlatMs > 0 && duration >= FLAT_MIN_MS
                && duration > longestFlatMs * (1.0 + NEW_EXTREME_TOLERANCE);
        if (record && !flatRaised) {
            flatRaised = true;
            return true;
        }
        return false;
    }

    /**
     * Returns the smaller of Fisher's and Bonferroni's combined probabilities, doubled because
     * it is the better of two tests. Fisher's rewards several views agreeing; Bonferroni's keeps
     * a single view's strong evidence from being diluted by the views that see nothing.
     */
    static double combinedProbability(double negativeLogSum, double minProbability, int count) {
        double fisher = fisherProbability(negativeLogSum, count);
        double bonferroni = count * minProbability;
        return Math.min(1.0, 2.0 * Math.min(fisher, bonferroni));
    }

    /**
     * Returns Fisher's combined probability: with {@code s = -sum(ln p_i)} over {@code k}
     * independent tail probabilities, {@code 2s} follows a chi-squared distribution with
     * {@code 2k} degrees of freedom, whose survival function is
     * {@code exp(-s) * sum_{j<k} s^j / j!}.
     */
    static double fisherProbability(double negativeLogSum, int count) {
        double term = 1.0;
        double sum = 1.0;
        for (int j = 1; j < count; j++) {
            term *= negativeLogSum / j;
            sum += term;
        }
        return Math.min(1.0, Math.exp(-negativeLogSum) * sum);
    }

    /**
     * Damps a score that does not exceed the decaying peak of recent scores. The peak decays once
     * per point, and once per {@link #PEAK_DECAY_STEP_MS} when points are further apart, so a
     * sparse series does not keep an old peak for longer in real time than a dense one.
     */
    private double suppressRepeats(double rawScore, long elapsedMs) {
        double peak = recentPeakScore;
        double decay = elapsedMs <= PEAK_DECAY_STEP_MS ? PEAK_DECAY
                : Math.pow(PEAK_DECAY, (double) elapsedMs / PEAK_DECAY_STEP_MS);
        recentPeakScore = Math.max(rawScore, recentPeakScore * decay);
        return rawScore > peak + REPEAT_MARGIN ? rawScore : rawScore * REPEAT_DAMPING;
    }

    @Override
    public void reconfigure(DetectorConfig config) {
        Sensitivity next = Sensitivity.of(config);
        for (CalibratedDetector component : components) {
            component.reconfigure(config);
        }
        this.sensitivity = next;
    }

    @Override
    public byte[] toBytes() {
        return StateFormat.encode(KIND, STATE_BYTES, this::writeState);
    }

    private void writeState(DataOutput out) throws IOException {
        guard.write(out);
        out.writeDouble(recentPeakScore);
        out.writeLong(periodMs);
        out.writeDouble(smoothedSurprise);
        episodeTail.write(out);
        alarmMemory.write(out);
        out.writeDouble(minValue);
        out.writeDouble(maxValue);
        out.writeLong(firstTimestampMs);
        out.writeDouble(flatValue);
        out.writeLong(flatStartMs);
        out.writeLong(longestFlatMs);
        out.writeBoolean(flatRaised);
        for (CalibratedDetector component : components) {
            component.writeState(out);
        }
    }

    private void readState(DataInput in) throws IOException {
        guard.read(in);
        recentPeakScore = in.readDouble();
        periodMs = in.readLong();
        smoothedSurprise = in.readDouble();
        episodeTail.read(in);
        alarmMemory.read(in);
        minValue = in.readDouble();
        maxValue = in.readDouble();
        firstTimestampMs = in.readLong();
        flatValue = in.readDouble();
        flatStartMs = in.readLong();
        longestFlatMs = in.readLong();
        flatRaised = in.readBoolean();
        if (Double.isInfinite(flatValue) || longestFlatMs < 0) {
            throw new IllegalArgumentException("Invalid snapshot: flat stretch value " + flatValue
                    + " or longest flat stretch " + longestFlatMs + " ms is out of range");
        }
        if (Double.isNaN(minValue) || Double.isNaN(maxValue)) {
            throw new IllegalArgumentException("Invalid snapshot: the value range is NaN");
        }
        for (CalibratedDetector component : components) {
            component.readState(in);
        }
    }
}
