package com.znyw.console.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code znyw.*} setting of the console, validated at start-up. Defaults live in
 * {@code application.properties}; {@code console/README.md} documents each one.
 */
@Validated
@ConfigurationProperties(prefix = "znyw")
public record ZnywProperties(
        @Valid @NotNull Mongo mongo,
        @Valid @NotNull Store store,
        @Valid @NotNull Flink flink,
        @Valid @NotNull Kubernetes kubernetes,
        @Valid @NotNull Security security,
        @Valid @NotNull Ui ui) {

    /** MongoDB holding users, KPI configs, feedback and the audit log. */
    public record Mongo(@NotBlank String uri, @NotBlank String database) {
    }

    /** Kind of time-series store the scored points are read from. */
    public enum StoreType { QUESTDB, INFLUXDB }

    /**
     * The time-series store.
     *
     * @param url      QuestDB: a PostgreSQL JDBC URL; InfluxDB: the HTTP base URL
     * @param database InfluxDB database (bucket mapped to a 1.x database) for InfluxQL reads
     * @param token    InfluxDB API token; empty for an unauthenticated 1.x server
     */
    public record Store(@NotNull StoreType type, @NotBlank String url, String user,
                        String password, String database, String token, String org) {
    }

    /**
     * The Flink REST API of the local MiniCluster or a session cluster.
     *
     * @param webUiUrl the address users open in the browser; the REST URL when empty
     */
    public record Flink(@NotBlank @Pattern(regexp = "https?://.+") String restUrl, String webUiUrl,
                        @NotNull Duration requestTimeout) {
    }

    /**
     * Kubernetes mode: list and manage FlinkDeployments instead of the local MiniCluster.
     *
     * @param webUiUrlTemplate link to each job's Flink web UI, with {@code {name}} and
     *                         {@code {namespace}} replaced
     */
    public record Kubernetes(boolean enabled, @NotBlank String namespace,
                             @NotBlank String webUiUrlTemplate) {
    }

    /**
     * Sign-in settings.
     *
     * @param adminUser         user created on first start when no ADMIN exists
     * @param adminPassword     its password; a random one is generated and logged when empty
     * @param maxFailedLogins   failed sign-ins of one user name before it is locked out
     * @param lockout           how long such a lock-out lasts
     */
    public record Security(@NotBlank String adminUser, String adminPassword,
                           @Min(1) @Max(100) int maxFailedLogins, @NotNull Duration lockout) {
    }

    /** Display defaults; each user can override the zone and language. */
    public record Ui(@NotBlank String zone, @Min(50) @Max(5000) int maxChartPoints) {
    }
}
