package com.znyw.ml.eval.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the NAB evaluation data that sits beside the repository. */
final class NabTestData {

    private NabTestData() {
    }

    /**
     * Returns {@code ${znyw.home}/../shared/data/nab}. Fails, rather than skips, when the folder is
     * missing, so that a run without the data cannot pass unnoticed.
     */
    static Path nabHome() {
        String home = System.getProperty("znyw.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("System property znyw.home is not set. Run the tests through Maven,"
                    + " which sets it to the repository root, or pass -Dznyw.home=<repository root>.");
        }
        Path nab = Path.of(home).resolve("../shared/data/nab").normalize();
        if (!Files.isDirectory(nab.resolve("data")) || !Files.isRegularFile(nab.resolve("labels/combined_windows.json"))) {
            throw new IllegalStateException("NAB data not found at " + nab.toAbsolutePath()
                    + " (looked for data/ and labels/combined_windows.json there, from znyw.home=" + home
                    + "). Put the NAB corpus at ../shared/data/nab beside the repository.");
        }
        return nab;
    }
}
