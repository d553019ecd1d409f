package com.znyw.core.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.znyw.core.model.ScoredPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Line protocol formatting: tags, escaping and exact doubles. */
class LineProtocolTest {

    @Test
    void formatsWholeLine() {
        ScoredPoint point = point(Map.of("idc", "BJ", "host", "app-07"));

        assertThat(LineProtocol.format(point)).isEqualTo("kpi_score,series=txn_latency_ms{host\\=app-07\\,idc\\=BJ}"
                + ",kpi=txn_latency_ms,host=app-07,idc=BJ value=182.5,expected=180.0,lower=170.25"
                + ",upper=190.0,score=0.125,anomaly=f,detector=\"ewma\",model_version=\"online\""
                + " 1733300000000");
    }

    @Test
    void sortsTagsWhateverMapOrder() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("zone", "z1");
        tags.put("app", "core");
        tags.put("host", "h1");

        assertThat(LineProtocol.tagPrefix(point(tags))).endsWith(",app=core,host=h1,zone=z1");
    }

    @Test
    void prefixesReservedTagKeys() {
        String prefix = LineProtocol.tagPrefix(point(Map.of("value", "v1", "time", "t1")));

        assertThat(prefix).endsWith(",tag_time=t1,tag_value=v1");
    }

    @Test
    void escapesTagsAndStringFields() {
        ScoredPoint point = point(Map.of("host name", "a,b=c\\d"));
        point.detector = "say \"hi\" \\";

        String line = LineProtocol.format(point);

        assertThat(line).contains(",host\\ name=a\\,b\\=c\\\\d ");
        assertThat(line).contains(",detector=\"say \\\"hi\\\" \\\\\"");
    }

    @Test
    void formatDoubleUsesShortestForm() {
        assertThat(LineProtocol.formatDouble(0.0)).isEqualTo("0.0");
        assertThat(LineProtocol.formatDouble(-0.0)).isEqualTo("-0.0");
        assertThat(LineProtocol.formatDouble(1.0)).isEqualTo("1.0");
        assertThat(LineProtocol.formatDouble(100.0)).isEqualTo("100.0");
        assertThat(LineProtocol.formatDouble(0.001)).isEqualTo("0.001");
        assertThat(LineProtocol.formatDouble(1e300)).isEqualTo("1.0E300");
        assertThat(LineProtocol.formatDouble(1e7)).isEqualTo("1.0E7");
        assertThat(LineProtocol.formatDouble(2e-5)).isEqualTo("2.0E-5");
        // JDK 17's Double.toString writes 9.999999999999999E22 here, one digit more than needed.
        assertThat(LineProtocol.formatDouble(1e23)).isEqualTo("1.0E23");
        assertThat(LineProtocol.formatDouble(Double.MIN_VALUE)).isEqualTo("4.9E-324");
        assertThat(LineProtocol.formatDouble(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
        assertThat(LineProtocol.formatDouble(Double.NaN)).isEqualTo("NaN");
        assertThat(LineProtocol.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void formatDoubleRoundTripsEdgeValues() {
        double[] values = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_NORMAL), Double.MAX_VALUE,
            -Double.MAX_VALUE, 1e300, 1e-300, 1e23, 5e-324, 2.2250738585072014E-308,
            9007199254740992.0, 9007199254740993.0, (double) Long.MAX_VALUE, 1.0 / 3, 0.1, 0.2,
            0.30000000000000004, 182.5, 123456789.125, Math.PI, Math.E, 1e15, 1e16, 1e-3, 1e-4};
        for (double value : values) {
            assertRoundTrips(value);
        }
        for (long integer = -100_000; integer <= 100_000; integer++) {
            assertRoundTrips(integer);
        }
        for (int exponent = -1074; exponent <= 1023; exponent++) {
            assertRoundTrips(Math.scalb(1.0, exponent));
        }
    }

    @Test
    void formatDoubleRoundTripsRandomBits() {
        SplittableRandom random = new SplittableRandom(20261205L);
        for (int i = 0; i < 2_000_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(value)) {
                assertRoundTrips(value);
            }
        }
        for (int i = 0; i < 200_000; i++) {
            // Subnormals: the exponent bits are zero.
            assertRoundTrips(Double.longBitsToDouble(random.nextLong() & 0x800F_FFFF_FFFF_FFFFL));
        }
    }

    @Test
    void formatDoubleIsNoLongerThanJdk() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(value)) {
                assertThat(LineProtocol.formatDouble(value).length())
                        .as("length for %s", value)
                        .isLessThanOrEqualTo(Double.toString(value).length());
            }
        }
    }

    private static void assertRoundTrips(double value) {
        String text = LineProtocol.formatDouble(value);
        double parsed = Double.parseDouble(text);
        if (Double.doubleToRawLongBits(parsed) != Double.doubleToRawLongBits(value)) {
            throw new AssertionError("formatDouble(" + Double.toHexString(value) + ") = " + text
                    + " parses back as " + Double.toHexString(parsed));
        }
    }

    private static ScoredPoint point(Map<String, String> tags) {
        ScoredPoint point = new ScoredPoint();
        point.series = "txn_latency_ms{host=app-07,idc=BJ}";
        point.kpi = "txn_latency_ms";
        point.tags = tags;
        point.ts = 1_733_300_000_000L;
        point.value = 182.5;
        point.expected = 180.0;
        point.lower = 170.25;
        point.upper = 190.0;
        point.score = 0.125;
        point.anomaly = false;
        point.detector = "ewma";
        point.modelVersion = "online";
        return point;
    }
}
