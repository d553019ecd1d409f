/**
 * Multi-dimensional root-cause localization: which combinations of dimension values, such as
 * {@code idc=BJ&app=pay}, explain the deviation of an aggregate KPI from its forecast.
 *
 * <p>Use: build a {@link com.znyw.ml.rca.Cube} of leaves (columnar arrays, or
 * {@link com.znyw.ml.rca.Cube.Builder} from string rows) with real and expected values, then call
 * {@link com.znyw.ml.rca.RootCauseLocalizer#localize}. {@link com.znyw.ml.rca.RippleCoverLocalizer}
 * is the implementation; it and its {@link com.znyw.ml.rca.LocalizerConfig} are serializable, so
 * a Flink function can keep one as a field. The results are
 * {@link com.znyw.ml.rca.RootCause} records, best first. They are Java records with a list
 * field, so a Flink job maps them to its own POJO before they cross an operator boundary.
 */
package com.znyw.ml.rca;
