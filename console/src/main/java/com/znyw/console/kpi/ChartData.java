package com.znyw.console.kpi;

import java.util.List;

/**
 * What the chart element draws, sent to the browser as JSON.
 *
 * @param points          rows of {@code [ts, value, expected, lower, upper]}, ascending
 * @param anomalies       rows of {@code [ts, value, score]} of the anomalous points
 * @param bucketSeconds   width of the downsampling buckets; 0 when the points are raw
 */
public record ChartData(String title, String unit, String zone, String locale,
                        List<double[]> points, List<double[]> anomalies, long bucketSeconds) {
}
