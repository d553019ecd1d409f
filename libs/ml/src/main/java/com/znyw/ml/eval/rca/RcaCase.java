package com.znyw.ml.eval.rca;

import com.znyw.ml.rca.Cube;
import java.util.Set;

/**
 * One evaluation case: a cube at its anomaly time and the true root causes.
 *
 * @param name      case name, e.g. the file name without extension
 * @param cube      the leaves with real and expected measures
 * @param truth     true root causes, each in {@link RcaScorer#canonical} form
 * @param loadNanos time spent reading the case and computing its forecast
 */
public record RcaCase(String name, Cube cube, Set<String> truth, long loadNanos) {
}
