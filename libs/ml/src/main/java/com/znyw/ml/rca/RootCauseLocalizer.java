package com.znyw.ml.rca;

import java.util.List;

/** Finds the combinations of dimension values that explain the deviation of a cube's total. */
public interface RootCauseLocalizer {

    /**
     * Returns the root causes of the cube's deviation, best first. The list is empty when no
     * leaf deviates beyond the noise, and also when nearly all leaves move together: a change of
     * the whole cube has no cause inside it, so the caller reports it as global.
     */
    List<RootCause> localize(Cube cube);
}
