package com.znyw.core.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Checks that every {@link ScoreRepository} must pass against a real store: points written as
 * line protocol ({@link LineProtocol#format}) come back with the same values, in order, within
 * half-open ranges, with Chinese and special characters in tag values, with tag keys that
 * collide with reserved columns, and once only when written twice.
 *
 * <p>Subclasses start the store, write lines through the store's own write endpoint and create
 * the repository. Each test writes its own KPI name on its own day, so tests that share a store
 * never see each other's points, also not in {@link ScoreRepository#recentAnomalies}.
 */
abstract class ScoreRepositoryContract {

    /** First of the days handed out to tests, one day per test. */
    private static final Instant FIRST_DAY = Instant.parse("2023-03-01T00:00:00Z");
    private static final AtomicInteger NEXT_DAY = new AtomicInteger();
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(30);

    /** Start of this test's day; aligned to whole hours, so 5-minute buckets start on it. */
    protected final Instant t0 = FIRST_DAY.plus(Duration.ofDays(NEXT_DAY.getAndIncrement()));
    /** KPI name unique to this test instance. */
    protected final String kpi = "repo_it_" + UUID.randomUUID().toString().substring(0, 8);

    /** Writes the lines through the store's line-protocol endpoint with millisecond precision. */
    protected abstract void write(List<String> lines) throws Exception;

    /** Returns the repository under test, reading the store that {@link #write} writes to. */
    protected abstract ScoreRepository repository();

    /** Returns a repository whose store cannot serve any query (stopped or missing). */
    protected abstract ScoreRepository unreachableRepository() throws Exception;

    /** Returns a port on 127.0.0.1 that was free a moment ago and has no listener now. */
    protected static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void scoresRoundTripInTimeOrder() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "app-07", "idc", "BJ"));
        List<ScoredPoint> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            points.add(point(series, at(i), 100.25 + i, i == 3));
        }
        List<ScoredPoint> shuffled = new ArrayList<>(points);
        Collections.shuffle(shuffled, new Random(7));

        writePoints(shuffled);
        List<ScoredPoint> read = awaitScores(series, at(0), at(6), points.size());

        assertThat(read).containsExactlyElementsOf(points);
        assertThat(read.get(3).anomaly).isTrue();
        assertThat(read.get(3).detector).isEqualTo("spike");
        assertThat(read.get(0).modelVersion).isEqualTo("online");
        assertThat(read.get(0).tags).isEqualTo(Map.of("host", "app-07", "idc", "BJ"));
        assertThat(read.get(0).kpi).isEqualTo(kpi);
    }

    @Test
    void rangesAreHalfOpen() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        List<ScoredPoint> points = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            points.add(point(series, at(i), i, true));
        }
        writePoints(points);
        awaitScores(series, at(0), at(5), 5);

        ScoreRepository repository = repository();
        assertThat(timestamps(repository.scores(series, at(1), at(3))))
                .containsExactly(at(1).toEpochMilli(), at(2).toEpochMilli());
        assertThat(timestamps(repository.anomalies(series, at(1), at(3))))
                .containsExactly(at(1).toEpochMilli(), at(2).toEpochMilli());
        assertThat(timestamps(repository.recentAnomalies(at(1), at(3), 10)))
                .containsExactly(at(2).toEpochMilli(), at(1).toEpochMilli());
        assertThat(repository.scores(series, at(2), at(2))).isEmpty();
        assertThat(repository.scores(series, at(0).minusMillis(1), at(0).plusMillis(1)))
                .hasSize(1);
    }

    @Test
    void reversedRangeReturnsNothing() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        writePoints(List.of(point(series, at(0), 1, true), point(series, at(1), 2, true)));
        awaitScores(series, at(0), at(2), 2);

        ScoreRepository repository = repository();
        assertThat(repository.scores(series, at(2), at(0))).isEmpty();
        assertThat(repository.anomalies(series, at(2), at(0))).isEmpty();
        assertThat(repository.recentAnomalies(at(2), at(0), 10)).isEmpty();
        assertThat(repository.downsample(series, at(2), at(0), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void seriesAreKeptApart() throws Exception {
        SeriesKey hostA = SeriesKey.of(kpi, Map.of("host", "a"));
        SeriesKey hostAb = SeriesKey.of(kpi, Map.of("host", "a b"));
        SeriesKey hostAIdc = SeriesKey.of(kpi, Map.of("host", "a", "idc", "SH"));
        SeriesKey noTags = SeriesKey.of(kpi, Map.of());
        writePoints(List.of(point(hostA, at(0), 1, false), point(hostAb, at(0), 2, false),
                point(hostAIdc, at(0), 3, false), point(noTags, at(0), 4, false)));
        awaitScores(noTags, at(0), at(1), 1);
        awaitScores(hostA, at(0), at(1), 1);
        awaitScores(hostAb, at(0), at(1), 1);
        awaitScores(hostAIdc, at(0), at(1), 1);

        ScoreRepository repository = repository();
        assertThat(values(repository.scores(hostA, at(0), at(1)))).containsExactly(1.0);
        assertThat(values(repository.scores(hostAb, at(0), at(1)))).containsExactly(2.0);
        assertThat(values(repository.scores(hostAIdc, at(0), at(1)))).containsExactly(3.0);
        List<ScoredPoint> bare = repository.scores(noTags, at(0), at(1));
        assertThat(values(bare)).containsExactly(4.0);
        assertThat(bare.get(0).tags).isEmpty();
        assertThat(bare.get(0).series).isEqualTo(kpi);
    }

    @Test
    void anomaliesListsOnlyAnomalousPoints() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        SeriesKey other = SeriesKey.of(kpi, Map.of("host", "b"));
        List<ScoredPoint> points = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            points.add(point(series, at(i), i, i % 3 == 1));
        }
        points.add(point(other, at(2), 99, true));
        writePoints(points);
        awaitScores(series, at(0), at(8), 8);
        awaitScores(other, at(0), at(8), 1);

        List<ScoredPoint> anomalies = repository().anomalies(series, at(0), at(8));

        assertThat(timestamps(anomalies)).containsExactly(at(1).toEpochMilli(),
                at(4).toEpochMilli(), at(7).toEpochMilli());
        assertThat(anomalies).allSatisfy(point -> assertThat(point.anomaly).isTrue());
        assertThat(anomalies).allSatisfy(point -> assertThat(point.series)
                .isEqualTo(series.toString()));
    }

    @Test
    void recentAnomaliesNewestFirstWithinLimit() throws Exception {
        SeriesKey first = SeriesKey.of(kpi, Map.of("host", "a"));
        SeriesKey second = SeriesKey.of(kpi, Map.of("host", "b"));
        List<ScoredPoint> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(point(i % 2 == 0 ? first : second, at(i), i, i != 9));
        }
        writePoints(points);
        awaitScores(first, at(0), at(10), 5);
        awaitScores(second, at(0), at(10), 5);

        ScoreRepository repository = repository();
        List<ScoredPoint> recent = repository.recentAnomalies(at(0), at(10), 3);
        assertThat(timestamps(recent)).containsExactly(at(8).toEpochMilli(),
                at(7).toEpochMilli(), at(6).toEpochMilli());
        assertThat(recent.get(0).series).isEqualTo(first.toString());
        assertThat(recent.get(1).series).isEqualTo(second.toString());

        List<ScoredPoint> all = repository.recentAnomalies(at(0), at(10), 100);
        assertThat(all).hasSize(9);
        assertThat(timestamps(all)).isSortedAccordingTo(Collections.reverseOrder());
    }

    @Test
    void recentAnomaliesRejectsLimitBelowOne() {
        ScoreRepository repository = repository();
        assertThatThrownBy(() -> repository.recentAnomalies(at(0), at(10), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> repository.recentAnomalies(at(0), at(10), -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
    }

    @Test
    void downsampleAggregatesEachBucket() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        List<ScoredPoint> points = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ScoredPoint point = point(series, at(i), i, false);
            point.expected = 2 * i;
            point.lower = -i;
            point.upper = 10 + i;
            point.score = i / 100.0;
            points.add(point);
        }
        writePoints(points);
        awaitScores(series, at(0), at(12), 12);

        List<ScoreBucket> buckets = repository().downsample(series, at(0), at(12),
                Duration.ofMinutes(5));

        // Minutes 0-4, 5-9 and 10-11: buckets start on the 5-minute grid.
        assertThat(buckets).hasSize(3);
        assertThat(buckets.get(0).ts()).isEqualTo(at(0).toEpochMilli());
        assertThat(buckets.get(1).ts()).isEqualTo(at(5).toEpochMilli());
        assertThat(buckets.get(2).ts()).isEqualTo(at(10).toEpochMilli());
        assertThat(buckets.get(0).value()).isEqualTo(2.0);
        assertThat(buckets.get(1).value()).isEqualTo(7.0);
        assertThat(buckets.get(2).value()).isEqualTo(10.5);
        assertThat(buckets.get(1).expected()).isEqualTo(14.0);
        assertThat(buckets.get(1).lower()).isEqualTo(-9.0);
        assertThat(buckets.get(1).upper()).isEqualTo(19.0);
        assertThat(buckets.get(2).maxScore()).isEqualTo(0.11);
    }

    @Test
    void downsampleSkipsEmptyBucketsAndHonoursRange() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        writePoints(List.of(point(series, at(1), 4, false), point(series, at(2), 6, false),
                point(series, at(21), 8, false), point(series, at(30), 100, false)));
        awaitScores(series, at(0), at(31), 4);

        List<ScoreBucket> buckets = repository().downsample(series, at(0), at(30),
                Duration.ofMinutes(10));

        assertThat(buckets).extracting(ScoreBucket::ts)
                .containsExactly(at(0).toEpochMilli(), at(20).toEpochMilli());
        assertThat(buckets).extracting(ScoreBucket::value).containsExactly(5.0, 8.0);
    }

    @Test
    void downsampleRejectsBucketBelowOneSecond() {
        ScoreRepository repository = repository();
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        assertThatThrownBy(() -> repository.downsample(series, at(0), at(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> repository.downsample(series, at(0), at(1),
                Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0.5S");
    }

    @Test
    void chineseAndSpecialCharactersInTags() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "应用服务器 07", "idc", "北京·亦庄",
                "channel", "手机银行 \"App\" 'v2'", "path", "/api/v1/转账?x#y"));
        SeriesKey sibling = SeriesKey.of(kpi, Map.of("host", "应用服务器 08", "idc", "北京·亦庄",
                "channel", "手机银行 \"App\" 'v2'", "path", "/api/v1/转账?x#y"));
        ScoredPoint anomaly = point(series, at(1), 7.5, true);
        anomaly.detector = "季节性 \"seasonal\"";
        writePoints(List.of(point(series, at(0), 1.5, false), anomaly,
                point(sibling, at(0), 99, false)));
        List<ScoredPoint> read = awaitScores(series, at(0), at(2), 2);

        assertThat(read.get(0).series).isEqualTo(series.toString());
        assertThat(read.get(0).tags).isEqualTo(series.tags());
        assertThat(values(read)).containsExactly(1.5, 7.5);
        assertThat(read.get(1).detector).isEqualTo("季节性 \"seasonal\"");
        assertThat(repository().anomalies(series, at(0), at(2))).containsExactly(anomaly);
        assertThat(values(awaitScores(sibling, at(0), at(2), 1))).containsExactly(99.0);
    }

    @Test
    void backslashInTagValue() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("share", "\\\\fs01\\ops", "host", "a"));
        writePoints(List.of(point(series, at(0), 3.25, false)));

        List<ScoredPoint> read = awaitScores(series, at(0), at(1), 1);

        assertThat(read.get(0).series).isEqualTo(series.toString());
        assertThat(read.get(0).tags).containsEntry("share", "\\\\fs01\\ops");
    }

    @Test
    void reservedTagKeysKeepTheirValues() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("value", "v-tag", "score", "high",
                "time", "t-tag", "series", "s-tag", "host", "a"));
        ScoredPoint point = point(series, at(0), 42.5, true);
        point.score = 0.875;
        writePoints(List.of(point));

        List<ScoredPoint> read = awaitScores(series, at(0), at(1), 1);

        assertThat(read).containsExactly(point);
        assertThat(read.get(0).value).isEqualTo(42.5);
        assertThat(read.get(0).score).isEqualTo(0.875);
        assertThat(read.get(0).series).isEqualTo(series.toString());
        assertThat(read.get(0).tags).containsEntry("value", "v-tag").containsEntry("time", "t-tag")
                .containsEntry("series", "s-tag").containsEntry("score", "high");
        assertThat(storedTag(series, "tag_value")).isEqualTo("v-tag");
        assertThat(storedTag(series, "tag_series")).isEqualTo("s-tag");
    }

    @Test
    void samePointWrittenTwiceIsOneRow() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        ScoredPoint first = point(series, at(0), 1.0, false);
        ScoredPoint replay = point(series, at(0), 2.0, true);
        writePoints(List.of(first));
        awaitScores(series, at(0), at(1), 1);
        writePoints(List.of(first, replay));
        writePoints(List.of(replay));
        // The marker point is written last: once it is readable, so are the writes before it.
        writePoints(List.of(point(series, at(1), 3.0, false)));
        awaitScores(series, at(0), at(2), 2);

        List<ScoredPoint> read = repository().scores(series, at(0), at(1));

        assertThat(read).containsExactly(replay);
        assertThat(repository().anomalies(series, at(0), at(1))).hasSize(1);
    }

    @Test
    void unreachableStoreRaisesScoreStoreException() throws Exception {
        SeriesKey series = SeriesKey.of(kpi, Map.of("host", "a"));
        try (ScoreRepository repository = unreachableRepository()) {
            assertThatThrownBy(() -> repository.recentAnomalies(at(0), at(1), 5))
                    .isInstanceOf(ScoreStoreException.class)
                    .hasMessageContaining("kpi_score");
            assertThatThrownBy(() -> repository.downsample(series, at(0), at(1),
                    Duration.ofMinutes(1)))
                    .isInstanceOf(ScoreStoreException.class);
        }
    }

    /** Returns the stored value of one tag column of the series' first row. */
    protected abstract String storedTag(SeriesKey series, String column) throws Exception;

    protected Instant at(int minute) {
        return t0.plus(MINUTE.multipliedBy(minute));
    }

    protected static ScoredPoint point(SeriesKey series, Instant ts, double value,
                                       boolean anomaly) {
        ScoredPoint point = new ScoredPoint();
        point.series = series.toString();
        point.kpi = series.kpi();
        point.tags = new java.util.HashMap<>(series.tags());
        point.ts = ts.toEpochMilli();
        point.value = value;
        point.expected = value - 0.5;
        point.lower = value - 3;
        point.upper = value + 3;
        point.score = anomaly ? 0.97 : 0.12;
        point.anomaly = anomaly;
        point.detector = anomaly ? "spike" : "level";
        point.modelVersion = "online";
        return point;
    }

    private void writePoints(List<ScoredPoint> points) throws Exception {
        write(points.stream().map(LineProtocol::format).toList());
    }

    /** Polls until the series has at least {@code count} points in the range, then returns them. */
    protected List<ScoredPoint> awaitScores(SeriesKey series, Instant from, Instant to, int count)
            throws InterruptedException {
        List<List<ScoredPoint>> last = new ArrayList<>(List.of(List.of()));
        await(() -> {
            last.set(0, repository().scores(series, from, to));
            return last.get(0).size() >= count;
        }, series + " to have " + count + " points in [" + from + ", " + to + ")");
        return last.get(0);
    }

    protected static void await(BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + AWAIT_TIMEOUT.toSeconds()
                        + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static List<Long> timestamps(List<ScoredPoint> points) {
        return points.stream().map(point -> point.ts).toList();
    }

    private static List<Double> values(List<ScoredPoint> points) {
        return points.stream().map(point -> point.value).toList();
    }
}
