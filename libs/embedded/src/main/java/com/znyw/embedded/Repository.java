package com.znyw.embedded;

import java.nio.file.Path;

/** Public access to the repository root and the Java launcher, for tools that start child JVMs. */
public final class Repository {

    private Repository() {
    }

    /**
     * Returns the repository root: the system property {@code znyw.home}, the environment variable
     * {@code ZNYW_HOME}, or the nearest folder at or above the working directory that holds the
     * embedded server modules.
     *
     * @throws IllegalStateException if none of them names the repository
     */
    public static Path root() {
        return ServerModule.repositoryRoot();
    }

    /** Returns the {@code java} launcher of the running JVM. */
    public static Path javaExecutable() {
        return ServerModule.javaExecutable();
    }
}
