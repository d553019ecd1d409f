/**
 * Evaluation of root-cause localization: loaders for the RS and synthetic-s data sets, the
 * exact-match F1 scorer and the {@link com.znyw.ml.eval.rca.RcaBenchmark} main. Reading files is
 * allowed here and nowhere else in the localization packages.
 */
package com.znyw.ml.eval.rca;
