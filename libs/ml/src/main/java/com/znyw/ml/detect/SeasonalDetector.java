package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Points that are off-season: normal for the series in general but not for this time of day or
 * day of week.
 *
 * <p>Idea: classical seasonal decomposition done online. Two seasonal profiles are learned from
 * the first points on: a daily one of {@value #DAILY_BINS} phase bins and a weekly one of
 * {@value #WEEKLY_BINS}; each bin is an exponentially weighted mean of the values that fell in
 * it, with updates clipped at a few residual scales. The phase comes from the timestamp, so
 * missing points and irregular intervals only leave bins unvisited. Which profile, if any,
 * describes the series is decided automatically: values are averaged into
 * {@value #BUCKET_HOURS}-hour buckets, and every completed bucket the autocorrelation of the
 * differenced bucket series (Box and Jenkins) is computed at the daily and weekly lags. If
 * either exceeds {@value #MIN_AUTOCORRELATION}, the series is seasonal, and the weekly profile
 * is chosen when its lag correlates better or, after a week of comparison, when its long-run
 * mean absolute error is at most {@value #WEEKLY_ERROR_RATIO} of the daily profile's. The deviation is the residual
 * from the chosen profile, corrected by a robust running bias so a level shift of the whole
 * pattern is absorbed quickly, in robust scales. The residual is taken from the profile bin
 * closest to the value within {@value #PHASE_TOLERANCE_MS} ms of the point's phase, so a
 * pattern that comes a few minutes early or late is not flagged.
 *
 * <p>Cost O(1) per point, plus O({@value #HISTORY_BUCKETS}) once per completed bucket. State:
 * {@value #STATE_BYTES} bytes serialized, almost all of it the two profiles and the bucket
 * history. Series sampled less often than every {@value #BUCKET_HOURS} hours use buckets of
 * one sampling interval, so only the weekly profile can be found for daily data.
 */
public final class SeasonalDetector extends CalibratedDetector {

    static final byte KIND = 4;
    static final int DAILY_BINS = 288;
    static final int WEEKLY_BINS = 336;
    static final int HISTORY_BUCKETS = 200;
    static final int BUCKET_HOURS = 2;
    static final double MIN_AUTOCORRELATION = 0.3;
    static final int INTERVAL_SAMPLES = 15;
    public static final int STATE_BYTES = BASE_STATE_BYTES
            + 8 * (DAILY_BINS + WEEKLY_BINS + HISTORY_BUCKETS + INTERVAL_SAMPLES)
            + 2 * RobustLevel.STATE_BYTES + 8 * 9 + 4 * 4;

    static final long DAY_MS = 86_400_000L;
    static final long PHASE_TOLERANCE_MS = 900_000L;
    static final long WEEK_MS = 7 * DAY_MS;
    private static final long HOUR_MS = 3_600_000L;
    /** Share of a bin's distance to a new value covered on each pass of the cycle. */
    private static final double PROFILE_WEIGHT_PER_CYCLE = 0.3;
    private static final double PROFILE_CLIP = 4.0;
    private static final double BIAS_ALPHA = 0.05;
    private static final double ERROR_ALPHA = 0.002;
    /** The weekly profile wins once its error is this share of the daily one or less. */
    static final double WEEKLY_ERROR_RATIO = 0.8;
    private static final int NO_PERIOD = 0;
    private static final int DAILY = 1;
    private static final int WEEKLY = 2;

    private final double[] daily = new double[DAILY_BINS];
    private final double[] weekly = new double[WEEKLY_BINS];
    private final RobustLevel dailyResidual = new RobustLevel(BIAS_ALPHA);
    private final RobustLevel weeklyResidual = new RobustLevel(BIAS_ALPHA);
    private final long[] intervalSamples = new long[INTERVAL_SAMPLES];
    private int intervalSampleCount;
    private long intervalMs;
    private long previousTimestampMs = Long.MIN_VALUE;

    private final double[] history = new double[HISTORY_BUCKETS];
    private int historyCount;
    private int historyNext;
    private long bucketIndex = Long.MIN_VALUE;
    private double bucketSum;
    private long bucketPoints;
    private int period = NO_PERIOD;
    /** Mean of the chosen profile's visited bins, refreshed once per bucket. */
    private double profileMean;
    /** Long-run mean absolute errors of the two profiles, compared to choose between them. */
    private double dailyError;
    private double weeklyError;
    private long comparedPoints;

    public SeasonalDetector(DetectorConfig config) {
        super("seasonal", KIND, STATE_BYTES, config);
        Arrays.fill(daily, Double.NaN);
        Arrays.fill(weekly, Double.NaN);
    }

    /** Restores a detector from {@link #toBytes()}. */
    public static SeasonalDetector restore(byte[] state, DetectorConfig config) {
        SeasonalDetector detector = new SeasonalDetector(config);
        detector.restore(state);
        return detector;
    }

    /** Period in use: 0 for none yet, otherwise {@link #DAY_MS} or {@link #WEEK_MS}. */
    public long periodMs() {
        return period == DAILY ? DAY_MS : (period == WEEKLY ? WEEK_MS : 0L);
    }

    /**
     * Returns the seasonal component at {@code timestampMs}: the chosen profile's bin minus the
     * profile's mean, or 0 while no period is known or the bin was never visited. Subtracting it
     * from a value deseasonalizes the value without changing the series' level.
     */
    public double seasonalOffset(long timestampMs, double value) {
        if (period == NO_PERIOD || intervalMs == 0) {
            return 0.0;
        }
        double seasonal = nearestSeasonal(timestampMs, value);
        return Double.isNaN(seasonal) ? 0.0 : seasonal - profileMean;
    }

    /**
     * Returns the chosen profile's value closest to {@code value} among the bins within
     * {@value #PHASE_TOLERANCE_MS} ms of the timestamp's phase, or NaN if none was visited. A
     * daily job that starts a few minutes late is then not an anomaly twice, once for the
     * missing peak and once for the late one.
     */
    private double nearestSeasonal(long timestampMs, double value) {
        double[] profile = period == WEEKLY ? weekly : daily;
        long periodMs = period == WEEKLY ? WEEK_MS : DAY_MS;
        int center = bin(timestampMs, periodMs, profile.length);
        int reach = (int) (PHASE_TOLERANCE_MS * profile.length / periodMs);
        double nearest = Double.NaN;
        for (int offset = -reach; offset <= reach; offset++) {
            double candidate = profile[Math.floorMod(center + offset, profile.length)];
            boolean closer = Double.isNaN(nearest)
                    || Math.abs(value - candidate) < Math.abs(value - nearest);
            if (!Double.isNaN(candidate) && closer) {
                nearest = candidate;
            }
        }
        return nearest;
    }

    @Override
    void observe(long timestampMs, double value, Observation out) {
        learnInterval(timestampMs);
        if (intervalMs == 0) {
            out.notReady(value);
            return;
        }
        int dailyBin = bin(timestampMs, DAY_MS, DAILY_BINS);
        int weeklyBin = bin(timestampMs, WEEK_MS, WEEKLY_BINS);
        if (period == NO_PERIOD) {
            out.notReady(value);
        } else {
            scoreAgainst(nearestSeasonal(timestampMs, value),
                    period == WEEKLY ? weeklyResidual : dailyResidual, value, out);
        }

        if (!Double.isNaN(daily[dailyBin]) && !Double.isNaN(weekly[weeklyBin])) {
            dailyError += ERROR_ALPHA * (Math.abs(value - daily[dailyBin]) - dailyError);
            weeklyError += ERROR_ALPHA * (Math.abs(value - weekly[weeklyBin]) - weeklyError);
            comparedPoints++;
        }
        learnProfile(daily, dailyBin, DAY_MS, DAILY_BINS, dailyResidual, value);
        learnProfile(weekly, weeklyBin, WEEK_MS, WEEKLY_BINS, weeklyResidual, value);
        learnBucket(timestampMs, value);
    }

    private void scoreAgainst(double seasonal, RobustLevel residual, double value, Observation out) {
        if (period == NO_PERIOD || Double.isNaN(seasonal) || !residual.isWarm()) {
            out.notReady(value);
            return;
        }
        double z = residual.standardize(value - seasonal);
        out.set(Math.abs(z), seasonal + residual.location(), residual.floorScale());
    }

    private static int bin(long timestampMs, long periodMs, int bins) {
        long phase = Math.floorMod(timestampMs, periodMs);
        return (int) (phase * bins / periodMs);
    }

    private void learnProfile(double[] profile, int bin, long periodMs, int bins,
                              RobustLevel residual, double value) {
        double current = profile[bin];
        if (Double.isNaN(current)) {
            profile[bin] = value;
            return;
        }
        residual.learn(value - current);
        double pointsPerVisit = Math.max(1.0, (double) periodMs / bins / intervalMs);
        double weight = 1.0 - Math.pow(1.0 - PROFILE_WEIGHT_PER_CYCLE, 1.0 / pointsPerVisit);
        double limit = PROFILE_CLIP * residual.floorScale();
        double step = Math.max(-limit, Math.min(limit, value - current - residual.location()));
        profile[bin] = current + weight * step;
    }

    /** Takes the median of the first positive timestamp gaps as the sampling interval. */
    private void learnInterval(long timestampMs) {
        if (intervalMs == 0 && previousTimestampMs != Long.MIN_VALUE
                && timestampMs > previousTimestampMs) {
            intervalSamples[intervalSampleCount++] = timestampMs - previousTimestampMs;
            if (intervalSampleCount == INTERVAL_SAMPLES) {
                long[] sorted = intervalSamples.clone();
                Arrays.sort(sorted);
                intervalMs = sorted[INTERVAL_SAMPLES / 2];
            }
        }
        previousTimestampMs = timestampMs;
    }

    private void learnBucket(long timestampMs, double value) {
        long bucketMs = Math.max(intervalMs, BUCKET_HOURS * HOUR_MS);
        long index = Math.floorDiv(timestampMs, bucketMs);
        if (bucketIndex == Long.MIN_VALUE) {
            bucketIndex = index;
        }
        if (index != bucketIndex) {
            double mean = bucketSum / bucketPoints;
            // A gap of missing buckets repeats the last mean, which keeps the lags aligned.
            long steps = Math.min(index - bucketIndex, HISTORY_BUCKETS);
            for (long i = 0; i < steps; i++) {
                history[historyNext] = mean;
                historyNext = (historyNext + 1) % HISTORY_BUCKETS;
                historyCount = Math.min(historyCount + 1, HISTORY_BUCKETS);
            }
            bucketIndex = index;
            bucketSum = 0;
            bucketPoints = 0;
            choosePeriod(bucketMs);
        }
        bucketSum += value;
        bucketPoints++;
    }

    private void choosePeriod(long bucketMs) {
        double dailyCorrelation = autocorrelation(DAY_MS / bucketMs);
        double weeklyCorrelation = autocorrelation(WEEK_MS / bucketMs);
        boolean compared = comparedPoints * intervalMs >= WEEK_MS;
        boolean seasonal = Math.max(dailyCorrelation, weeklyCorrelation) > MIN_AUTOCORRELATION;
        if (!seasonal) {
            if (historyCount == HISTORY_BUCKETS) {
                period = NO_PERIOD;
            }
        } else if (period == WEEKLY) {
            // Hysteresis: leaving the weekly profile needs the daily one to be better, not just
            // close, so the choice does not flap between the two.
            boolean dailyFitsBetter = compared && dailyError < weeklyError;
            if (dailyFitsBetter && dailyCorrelation >= weeklyCorrelation) {
                period = DAILY;
            }
        } else {
            boolean weeklyFitsBetter = compared && weeklyError < WEEKLY_ERROR_RATIO * dailyError;
            period = weeklyFitsBetter || weeklyCorrelation > dailyCorrelation ? WEEKLY : DAILY;
        }
        profileMean = meanOfVisited(period == WEEKLY ? weekly : daily);
    }

    private static double meanOfVisited(double[] profile) {
        double sum = 0;
        int visited = 0;
        for (double v : profile) {
            if (!Double.isNaN(v)) {
                sum += v / profile.length;
                visited++;
            }
        }
        return visited == 0 ? 0.0 : sum * profile.length / visited;
    }

    /** Autocorrelation of the differenced bucket history at {@code lag} buckets, or 0. */
    private double autocorrelation(long lag) {
        int n = historyCount - 1;
        if (lag < 4 || n < 2 * lag + lag / 4) {
            return 0.0;
        }
        int start = Math.floorMod(historyNext - historyCount, HISTORY_BUCKETS);
        double magnitude = 0;
        for (int i = 0; i < historyCount; i++) {
            magnitude = Math.max(magnitude, Math.abs(history[(start + i) % HISTORY_BUCKETS]));
        }
        if (magnitude == 0) {
            return 0.0;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += difference(start, i, magnitude);
        }
        mean /= n;
        double variance = 0;
        double covariance = 0;
        for (int i = 0; i < n; i++) {
            double a = difference(start, i, magnitude) - mean;
            variance += a * a;
            if (i + lag < n) {
                covariance += a * (difference(start, (int) (i + lag), magnitude) - mean);
            }
        }
        return variance > 0 ? covariance / variance : 0.0;
    }

    private double difference(int start, int i, double magnitude) {
        double next = history[(start + i + 1) % HISTORY_BUCKETS];
        double current = history[(start + i) % HISTORY_BUCKETS];
        return next / magnitude - current / magnitude;
    }

    @Override
    void writeModel(DataOutput out) throws IOException {
        for (double v : daily) {
            out.writeDouble(v);
        }
        for (double v : weekly) {
            out.writeDouble(v);
        }
        for (double v : history) {
            out.writeDouble(v);
        }
        for (long v : intervalSamples) {
            out.writeLong(v);
        }
        dailyResidual.write(out);
        weeklyResidual.write(out);
        out.writeLong(intervalMs);
        out.writeLong(previousTimestampMs);
        out.writeLong(bucketIndex);
        out.writeDouble(bucketSum);
        out.writeLong(bucketPoints);
        out.writeDouble(profileMean);
        out.writeDouble(dailyError);
        out.writeDouble(weeklyError);
        out.writeLong(comparedPoints);
        out.writeInt(intervalSampleCount);
        out.writeInt(historyCount);
        out.writeInt(historyNext);
        out.writeInt(period);
    }

    @Override
    void readModel(DataInput in) throws IOException {
        for (int i = 0; i < DAILY_BINS; i++) {
            daily[i] = in.readDouble();
        }
        for (int i = 0; i < WEEKLY_BINS; i++) {
            weekly[i] = in.readDouble();
        }
        for (int i = 0; i < HISTORY_BUCKETS; i++) {
            history[i] = in.readDouble();
        }
        for (int i = 0; i < INTERVAL_SAMPLES; i++) {
            intervalSamples[i] = in.readLong();
        }
        dailyResidual.read(in);
        weeklyResidual.read(in);
        intervalMs = in.readLong();
        previousTimestampMs = in.readLong();
        bucketIndex = in.readLong();
        bucketSum = in.readDouble();
        bucketPoints = in.readLong();
        profileMean = in.readDouble();
        dailyError = in.readDouble();
        weeklyError = in.readDouble();
        comparedPoints = in.readLong();
        intervalSampleCount = StateFormat.checkRange("intervalSampleCount", in.readInt(), 0,
                INTERVAL_SAMPLES);
        historyCount = StateFormat.checkRange("historyCount", in.readInt(), 0, HISTORY_BUCKETS);
        historyNext = StateFormat.checkRange("historyNext", in.readInt(), 0, HISTORY_BUCKETS - 1);
        period = StateFormat.checkRange("period", in.readInt(), NO_PERIOD, WEEKLY);
    }
}
