package com.znyw.console.kpi;

import com.znyw.console.audit.AuditService;
import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.kpi.KpiConfigNotFoundException;
import com.znyw.core.kpi.KpiState;
import com.znyw.core.model.SeriesKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** CRUD for KPI configurations; edits are version-checked and audited. */
@RestController
@RequestMapping("/api/v1/kpis")
@Tag(name = "KPI configurations")
public class KpiApiController {

    /** A page of configurations. */
    public record KpiPage(long total, int offset, int limit, List<KpiConfig> items) {
    }

    /**
     * The editable fields; {@code version} is the one the client read (optimistic locking).
     * Null fields keep their stored value.
     */
    public record KpiChange(String displayName, String unit, String owner, Boolean enabled,
                            Double sensitivity, Long expectedIntervalMs, Long version) {
    }

    /** A series registered by hand, before it reports. */
    public record KpiCreate(String series, String displayName, String unit, String owner,
                            Double sensitivity, Long expectedIntervalMs) {
    }

    private final KpiService kpis;
    private final Clock clock;

    public KpiApiController(KpiService kpis, Clock clock) {
        this.kpis = kpis;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "List KPI configurations, filtered and paged")
    public KpiPage list(@RequestParam(required = false) String q,
                        @RequestParam(required = false) String tag,
                        @RequestParam(required = false) KpiState state,
                        @RequestParam(defaultValue = "SERIES") KpiSort sort,
                        @RequestParam(defaultValue = "false") boolean descending,
                        @RequestParam(defaultValue = "0") int offset,
                        @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("offset=" + offset + ", limit=" + limit
                    + " are out of range: use offset >= 0 and limit 1 to 1000");
        }
        KpiFilter filter = new KpiFilter(q, tag, state);
        return new KpiPage(kpis.count(filter), offset, limit,
                kpis.page(filter, sort, descending, offset, limit).stream().map(KpiRow::config).toList());
    }

    @GetMapping("/{series}")
    @Operation(summary = "Read one configuration by canonical series key")
    public KpiConfig get(@PathVariable String series) {
        return kpis.find(SeriesKey.parse(series).toString())
                .orElseThrow(() -> new KpiConfigNotFoundException(series));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a series with defaults and the given fields")
    public KpiConfig create(@RequestBody KpiCreate body, Principal principal) {
        if (body == null || body.series() == null) {
            throw new IllegalArgumentException("no series given: send {\"series\": \"kpi{tag=value}\"}");
        }
        SeriesKey key = SeriesKey.parse(body.series());
        KpiConfig config = KpiConfig.withDefaults(key,
                body.expectedIntervalMs() == null ? 60_000L : body.expectedIntervalMs(), null, null,
                clock.instant());
        if (body.displayName() != null) {
            config = config.withDisplayName(body.displayName());
        }
        if (body.unit() != null) {
            config = config.withUnit(body.unit());
        }
        if (body.owner() != null) {
            config = config.withOwner(body.owner());
        }
        if (body.sensitivity() != null) {
            config = config.withSensitivity(body.sensitivity());
        }
        if (!kpis.create(principal.getName(), config)) {
            throw new IllegalStateException("series " + key + " is already registered: use PUT to change it");
        }
        return kpis.find(key.toString()).orElseThrow();
    }

    @PutMapping("/{series}")
    @Operation(summary = "Change the editable fields; send the version you read")
    public KpiConfig update(@PathVariable String series, @RequestBody KpiChange change,
                            Principal principal) {
        KpiConfig stored = get(series);
        if (change == null || change.version() == null) {
            throw new IllegalArgumentException("no version given: send the version you read ("
                    + stored.version() + " now) so that concurrent edits are detected");
        }
        KpiConfig changed = new KpiConfig(stored.series(), stored.kpi(), stored.tags(),
                change.displayName() == null ? stored.displayName() : change.displayName(),
                change.unit() == null ? stored.unit() : change.unit(),
                change.owner() == null ? stored.owner() : change.owner(),
                change.enabled() == null ? stored.enabled() : change.enabled(),
                change.sensitivity() == null ? stored.sensitivity() : change.sensitivity(),
                stored.detector(),
                change.expectedIntervalMs() == null ? stored.expectedIntervalMs() : change.expectedIntervalMs(),
                stored.firstSeen(), stored.lastSeen(), stored.state(), stored.stateChangedAt(),
                change.version(), stored.createdAt(), stored.updatedAt());
        return kpis.update(principal.getName(), stored, changed);
    }

    @DeleteMapping("/{series}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a configuration at the given version")
    public void delete(@PathVariable String series, @RequestParam long version, Principal principal) {
        kpis.delete(principal.getName(), SeriesKey.parse(series).toString(), version);
    }
}
