package com.znyw.ml.rca;

import java.util.List;

/** Finds the combinations of dimension values that explain the deviation of a cube's total. */
public interface RootCauseLocalizer {

    /**
     * Returns the root causes of the cube's deviation, best first; an empty list when no leaf
     * deviates beyond the noise.
     */
    List<RootCause> localize(Cube cube);
}
