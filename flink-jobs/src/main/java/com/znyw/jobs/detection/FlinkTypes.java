package com.znyw.jobs.detection;

import com.znyw.core.model.ScoredPoint;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Explicit Flink type information for the shared model types whose {@code Map} fields would
 * otherwise make Flink fall back to Kryo, which fails on Java 17 and is disabled in these jobs.
 */
public final class FlinkTypes {

    private FlinkTypes() {
    }

    public static final TypeInformation<ScoredPoint> SCORED_POINT = Types.POJO(ScoredPoint.class,
            Map.ofEntries(
                    Map.entry("series", Types.STRING),
                    Map.entry("kpi", Types.STRING),
                    Map.entry("tags", Types.MAP(Types.STRING, Types.STRING)),
                    Map.entry("ts", Types.LONG),
                    Map.entry("value", Types.DOUBLE),
                    Map.entry("expected", Types.DOUBLE),
                    Map.entry("lower", Types.DOUBLE),
                    Map.entry("upper", Types.DOUBLE),
                    Map.entry("score", Types.DOUBLE),
                    Map.entry("anomaly", Types.BOOLEAN),
                    Map.entry("detector", Types.STRING),
                    Map.entry("modelVersion", Types.STRING)));

    public static final TypeInformation<IngestedRecord> INGESTED_RECORD =
            Types.POJO(IngestedRecord.class);

    public static final TypeInformation<SeriesSettings> SERIES_SETTINGS =
            Types.POJO(SeriesSettings.class);
}
