package com.znyw.jobs.registry;

import com.znyw.jobs.detection.SeriesSettings;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Unbounded FLIP-27 source of live {@link SeriesSettings} from the KPI registry. It first emits
 * the settings of every valid document, then those of each document whose configuration
 * changes, within about one poll interval. Use it with parallelism 1 and broadcast its stream.
 *
 * <p>It polls {@code updatedAt} rather than opening a change stream, because mongo-java-server
 * serves change streams only with its oplog on, and a poll also works on a standalone MongoDB
 * without a replica set.
 */
public final class KpiConfigSource implements Source<SeriesSettings, RegistrySplit, Boolean>,
        ResultTypeQueryable<SeriesSettings> {

    private final String mongoUri;
    private final String database;
    private final long pollIntervalMs;
    private final long lookbackMs;

    /**
     * @throws IllegalArgumentException if the poll interval is not positive or the lookback is
     *     negative
     */
    public KpiConfigSource(String mongoUri, String database, Duration pollInterval,
            Duration lookback) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("invalid poll interval " + pollInterval
                    + ": use a positive duration such as 5 s");
        }
        if (lookback.isNegative()) {
            throw new IllegalArgumentException("invalid lookback " + lookback
                    + ": use 0 or a positive duration");
        }
        this.mongoUri = mongoUri;
        this.database = database;
        this.pollIntervalMs = pollInterval.toMillis();
        this.lookbackMs = lookback.toMillis();
    }

    /** Creates a source with the poll settings of {@link RegistrySourceOptions}. */
    public static KpiConfigSource fromConfig(String mongoUri, String database,
            Configuration config) {
        return new KpiConfigSource(mongoUri, database,
                config.get(RegistrySourceOptions.POLL_INTERVAL),
                config.get(RegistrySourceOptions.LOOKBACK));
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<SeriesSettings, RegistrySplit> createReader(SourceReaderContext context) {
        return new RegistryReader(context, mongoUri, database, pollIntervalMs, lookbackMs);
    }

    @Override
    public SplitEnumerator<RegistrySplit, Boolean> createEnumerator(
            SplitEnumeratorContext<RegistrySplit> context) {
        return new RegistryEnumerator(context, false);
    }

    @Override
    public SplitEnumerator<RegistrySplit, Boolean> restoreEnumerator(
            SplitEnumeratorContext<RegistrySplit> context, Boolean assigned) {
        return new RegistryEnumerator(context, assigned);
    }

    @Override
    public SimpleVersionedSerializer<RegistrySplit> getSplitSerializer() {
        return new RegistrySerializers.SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new RegistrySerializers.AssignedSerializer();
    }

    @Override
    public TypeInformation<SeriesSettings> getProducedType() {
        return TypeInformation.of(SeriesSettings.class);
    }
}
