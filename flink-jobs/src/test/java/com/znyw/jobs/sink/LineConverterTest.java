package com.znyw.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.core.tsdb.LineProtocol;
import org.junit.jupiter.api.Test;

class LineConverterTest {

    private static ScoredPoint point(String series, long ts, double value) {
        SeriesKey key = SeriesKey.parse(series);
        ScoredPoint point = new ScoredPoint();
        point.series = key.toString();
        point.kpi = key.kpi();
        point.tags = key.tags();
        point.ts = ts;
        point.value = value;
        point.expected = value - 0.25;
        point.lower = value - 3;
        point.upper = value + 3;
        point.score = 0.125;
        point.anomaly = value > 100;
        point.detector = "spike";
        point.modelVersion = "online";
        return point;
    }

    @Test
    void eachLineMatchesTheFormatter() {
        LineProtocolSink.LineConverter converter = new LineProtocolSink.LineConverter();
        ScoredPoint[] points = {
                point("cpu_util{host=app-01,idc=BJ}", 1_700_000_000_000L, 42.5),
                point("latency{host=a b,service=pay}", 1_700_000_060_000L, 1234.0625),
                point("cpu_util{host=app-01,idc=BJ}", 1_700_000_120_000L, 101.0),
        };

        for (ScoredPoint point : points) {
            String line = converter.apply(point, null);

            assertThat(line).isEqualTo(LineProtocol.format(point));
        }
    }

    @Test
    void shortLineAfterLongOneKeepsNothingBehind() {
        LineProtocolSink.LineConverter converter = new LineProtocolSink.LineConverter();
        ScoredPoint longer = point("latency{host=a-very-long-host-name-of-the-payment-cluster}",
                1_700_000_000_000L, 1.0 / 3);
        ScoredPoint shorter = point("x{}", 1, 1);

        converter.apply(longer, null);
        String line = converter.apply(shorter, null);

        assertThat(line).isEqualTo(LineProtocol.format(shorter));
    }
}
