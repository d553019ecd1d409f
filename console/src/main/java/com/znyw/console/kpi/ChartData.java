package com.znyw.console.kpi;

import java.util.List;
import java.util.Map;

/**
 * Chart content of one series, sent to the browser as JSON.
 *
 * @param points          rows of {@code [ts, value, expected, lower, upper]}, ascending
 * @param anomalies       rows of {@code [ts, value, score]} of the anomalous points
 * @param bucketSeconds   width of the downsampling buckets; 0 when the points are raw
 * @param labels          legend texts in the user's language, keyed {@code value},
 *                        {@code expected} and {@code anomaly}
 */
public record ChartData(String title, String unit, String zone, String locale,
                        List<double[]> points, List<double[]> anomalies, long bucketSeconds,
                        Map<String, String> labels) {

    /** Returns a copy with the legend texts set. */
    public ChartData withLabels(Map<String, String> legend) {
        return new ChartData(title, unit, zone, locale, points, anomalies, bucketSeconds, legend);
    }
}
