package com.znyw.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.znyw.core.model.SeriesKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class KpiConfigValidatorTest {

    private static final Instant NOW = Instant.parse("2024-12-04T08:00:00Z");

    private static KpiConfig valid() {
        return KpiConfig.withDefaults(SeriesKey.of("txn_latency_ms", Map.of("host", "app-07")),
                60_000, NOW.minusSeconds(600), NOW, NOW);
    }

    @Test
    void defaultsAreValid() {
        KpiConfig config = KpiConfigValidator.validate(valid());

        assertThat(config.series()).isEqualTo("txn_latency_ms{host=app-07}");
        assertThat(config.displayName()).isEqualTo("txn_latency_ms{host=app-07}");
        assertThat(config.enabled()).isTrue();
        assertThat(config.sensitivity()).isEqualTo(5.0);
        assertThat(config.detector().type()).isEqualTo("ensemble");
        assertThat(config.state()).isEqualTo(KpiState.ACTIVE);
        assertThat(config.version()).isEqualTo(1);
    }

    @Test
    void rejectionsNameFieldAndValue() {
        Map<String, UnaryOperator<KpiConfig>> cases = Map.of(
                "sensitivity '10.5'", c -> c.withSensitivity(10.5),
                "sensitivity 'NaN'", c -> c.withSensitivity(Double.NaN),
                "detector.type 'arima'", c -> c.withDetector(new DetectorSettings("arima", null)),
                "detector.params.window 'Infinity'", c -> c.withDetector(
                        new DetectorSettings("spike", Map.of("window", Double.POSITIVE_INFINITY))),
                "displayName '   '", c -> c.withDisplayName("   "),
                "owner 'a\nb'", c -> c.withOwner("a\nb"),
                "unit '" + "x".repeat(33) + "'", c -> c.withUnit("x".repeat(33)),
                "expectedIntervalMs '99'", c -> c.withExpectedIntervalMs(99));
        cases.forEach((message, change) ->
                assertThatThrownBy(() -> KpiConfigValidator.validate(change.apply(valid())))
                        .as(message)
                        .isInstanceOf(InvalidKpiConfigException.class)
                        .hasMessageStartingWith("invalid " + message));
    }

    @Test
    void seriesMustMatchKpiAndTags() {
        KpiConfig config = valid();
        KpiConfig mismatched = new KpiConfig("txn_latency_ms{host=app-08}", config.kpi(),
                config.tags(), config.displayName(), config.unit(), config.owner(),
                config.enabled(), config.sensitivity(), config.detector(),
                config.expectedIntervalMs(), config.firstSeen(), config.lastSeen(),
                config.state(), config.stateChangedAt(), config.version(), config.createdAt(),
                config.updatedAt());

        assertThatThrownBy(() -> KpiConfigValidator.validate(mismatched))
                .isInstanceOf(InvalidKpiConfigException.class)
                .hasMessageContaining("series 'txn_latency_ms{host=app-08}'")
                .hasMessageContaining("'txn_latency_ms{host=app-07}'");
    }

    @Test
    void codecRoundTripsDocument() {
        KpiConfig config = valid().withUnit("ms").withOwner("ops")
                .withDetector(new DetectorSettings("spike", Map.of("window", 30.0)));

        KpiConfig read = KpiConfigCodec.fromDocument(KpiConfigCodec.toDocument(config));

        assertThat(read).isEqualTo(config);
    }

    @Test
    void codecAcceptsShellDoublesForIntegers() {
        Document document = KpiConfigCodec.toDocument(valid());
        document.put("version", 3.0);
        document.put("expectedIntervalMs", 30000.0);

        KpiConfig read = KpiConfigCodec.fromDocument(document);

        assertThat(read.version()).isEqualTo(3);
        assertThat(read.expectedIntervalMs()).isEqualTo(30_000);
    }

    @Test
    void codecRejectsWrongTypes() {
        Map<String, Object> cases = Map.of(
                "enabled", "yes",
                "sensitivity", "high",
                "version", 2.5,
                "state", "PAUSED",
                "updatedAt", "yesterday",
                "detector", "ensemble");
        cases.forEach((field, value) -> {
            Document document = KpiConfigCodec.toDocument(valid());
            document.put(field, value);
            assertThatThrownBy(() -> KpiConfigCodec.fromDocument(document))
                    .as(field)
                    .isInstanceOfSatisfying(InvalidKpiConfigException.class, e -> {
                        assertThat(e.field()).isEqualTo(field);
                        assertThat(e.value()).isEqualTo(value);
                    });
        });
    }

    @Test
    void codecRejectsMissingField() {
        Document document = KpiConfigCodec.toDocument(valid());
        document.remove("owner");

        assertThatThrownBy(() -> KpiConfigCodec.fromDocument(document))
                .isInstanceOf(InvalidKpiConfigException.class)
                .hasMessage("invalid owner 'null': is required");
    }

    @Test
    void firstSeenAfterLastSeenRejected() {
        Document document = KpiConfigCodec.toDocument(valid());
        document.put("firstSeen", Date.from(NOW.plusSeconds(1)));

        assertThatThrownBy(() -> KpiConfigCodec.fromDocument(document))
                .isInstanceOf(InvalidKpiConfigException.class)
                .hasMessageContaining("invalid firstSeen");
    }
}
