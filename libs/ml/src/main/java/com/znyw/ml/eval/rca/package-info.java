/**
 * Evaluation of root-cause localization: loaders for the RS and synthetic-s data sets, the
 * exact-match F1 scorer and the {@link com.znyw.ml.eval.rca.RcaBenchmark} main. Only this
 * package reads files; the localization and Focus packages do no I/O.
 */
package com.znyw.ml.eval.rca;
