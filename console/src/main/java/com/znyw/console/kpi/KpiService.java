package com.znyw.console.kpi;

import com.mongodb.client.MongoDatabase;
import com.znyw.console.audit.AuditService;
import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.kpi.KpiConfigQuery;
import com.znyw.core.kpi.KpiConfigRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * KPI configurations for the views and the REST API: filtered, sorted and paged lists (the
 * browser only ever receives one page), reads and audited, version-checked edits.
 */
@Service
public class KpiService {

    private static final Logger LOG = LoggerFactory.getLogger(KpiService.class);

    private final KpiConfigRepository repository;
    private final LatestScores latestScores;
    private final AuditService audit;

    public KpiService(MongoDatabase database, Clock clock, LatestScores latestScores,
                      AuditService audit) {
        this.repository = new KpiConfigRepository(database, clock);
        this.repository.createIndexes();
        this.latestScores = latestScores;
        this.audit = audit;
    }

    public KpiConfigRepository repository() {
        return repository;
    }

    /** Lists one page of rows; {@code offset} and {@code limit} count rows. */
    public List<KpiRow> page(KpiFilter filter, KpiSort sort, boolean descending, int offset, int limit) {
        Map<String, LatestScores.Latest> latest = latestScores.all();
        if (sort == KpiSort.LATEST_SCORE) {
            // The score lives in the time-series store, so Mongo cannot sort by it: read the
            // matching series keys, sort them here, and return the page.
            List<KpiRow> all = new ArrayList<>();
            int chunk = KpiConfigQuery.MAX_LIMIT;
            for (int from = 0; ; from += chunk) {
                List<KpiConfig> part = repository.list(query(filter).withPage(from, chunk));
                part.forEach(c -> all.add(new KpiRow(c, latest.get(c.series()))));
                if (part.size() < chunk) {
                    break;
                }
            }
            Comparator<KpiRow> byScore = Comparator.comparing(KpiRow::latestScore,
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            all.sort(descending ? byScore.reversed() : byScore);
            return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        }
        KpiConfigQuery.SortField field = switch (sort) {
            case STATE -> KpiConfigQuery.SortField.STATE;
            case UPDATED_AT -> KpiConfigQuery.SortField.UPDATED_AT;
            default -> KpiConfigQuery.SortField.SERIES;
        };
        return repository.list(query(filter).withSort(field, descending)
                        .withPage(offset, Math.min(limit, KpiConfigQuery.MAX_LIMIT)))
                .stream().map(c -> new KpiRow(c, latest.get(c.series()))).toList();
    }

    public long count(KpiFilter filter) {
        return repository.count(query(filter));
    }

    public Optional<KpiConfig> find(String series) {
        return repository.find(series);
    }

    /**
     * Saves an operator's edit unless a newer version was saved first.
     *
     * @throws com.znyw.core.kpi.VersionConflictException on a concurrent change
     * @throws com.znyw.core.kpi.InvalidKpiConfigException naming a bad field
     */
    public KpiConfig update(String actor, KpiConfig before, KpiConfig changed) {
        try {
            KpiConfig saved = repository.update(changed);
            audit.record(actor, "kpi.update", changed.series(), "ok", describeChange(before, saved));
            LOG.info("KPI config updated series={} version={} by={}", saved.series(),
                    saved.version(), actor);
            return saved;
        } catch (RuntimeException e) {
            audit.record(actor, "kpi.update", changed.series(), "failed", e.getMessage());
            throw e;
        }
    }

    /**
     * Registers a series configured by hand.
     *
     * @return false when the series is already registered
     */
    public boolean create(String actor, KpiConfig config) {
        boolean inserted = repository.insertIfAbsent(config);
        audit.record(actor, "kpi.create", config.series(), inserted ? "ok" : "failed",
                inserted ? null : "already registered");
        return inserted;
    }

    public void delete(String actor, String series, long expectedVersion) {
        try {
            repository.delete(series, expectedVersion);
            audit.record(actor, "kpi.delete", series, "ok", "version=" + expectedVersion);
        } catch (RuntimeException e) {
            audit.record(actor, "kpi.delete", series, "failed", e.getMessage());
            throw e;
        }
    }

    private static KpiConfigQuery query(KpiFilter filter) {
        KpiConfigQuery query = KpiConfigQuery.all();
        if (filter.text() != null && !filter.text().isBlank()) {
            query = query.withSeriesContains(filter.text().trim());
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            query = query.withTag(filter.tag().trim());
        }
        if (filter.state() != null) {
            query = query.withState(filter.state());
        }
        return query;
    }

    private static String describeChange(KpiConfig before, KpiConfig after) {
        List<String> changes = new ArrayList<>();
        if (before == null) {
            return "version=" + after.version();
        }
        diff(changes, "displayName", before.displayName(), after.displayName());
        diff(changes, "unit", before.unit(), after.unit());
        diff(changes, "owner", before.owner(), after.owner());
        diff(changes, "enabled", before.enabled(), after.enabled());
        diff(changes, "sensitivity", before.sensitivity(), after.sensitivity());
        diff(changes, "detector", before.detector(), after.detector());
        diff(changes, "expectedIntervalMs", before.expectedIntervalMs(), after.expectedIntervalMs());
        changes.add("version=" + after.version());
        return String.join("; ", changes);
    }

    private static void diff(List<String> out, String name, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            out.add(name + ": " + before + " -> " + after);
        }
    }
}
