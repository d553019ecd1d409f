/**
 * Numerical core of ZNYW: streaming detectors, thresholds, seasonality, root-cause localization,
 * Focus analysis and their evaluation. Plain Java with no Flink or Spring dependency, so every
 * class can run inside a Flink operator, a batch job, the console or a benchmark.
 */
package com.znyw.ml;
