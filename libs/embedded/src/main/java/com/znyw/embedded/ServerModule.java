package com.znyw.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the {@code embedded/*-server} Maven modules, and how to build the Java command that runs
 * its main class.
 *
 * <p>The repository root comes from the system property {@code znyw.home}, else the environment
 * variable {@code ZNYW_HOME}, else the nearest folder at or above the working directory that
 * contains {@code embedded/kafka-server/pom.xml}.
 */
enum ServerModule {
    KAFKA("embedded/kafka-server"),
    MONGO("embedded/mongo-server"),
    QUESTDB("embedded/questdb-server");

    private static final String MARKER = "embedded/kafka-server/pom.xml";

    private final String relativePath;

    ServerModule(String relativePath) {
        this.relativePath = relativePath;
    }

    /**
     * Returns the command {@code java <jvmOptions> -cp <classes>:<dependencies> <mainClass> <args>}.
     *
     * @throws IllegalStateException when the module has not been built
     */
    List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Returns the module's {@code target/classes} followed by the dependency jars listed in
     * {@code target/runtime-classpath.txt}.
     */
    String classpath() {
        Path moduleDir = repositoryRoot().resolve(relativePath);
        Path classes = moduleDir.resolve("target/classes");
        Path classpathFile = moduleDir.resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("The embedded server module " + moduleDir + " is not built (missing "
                    + (Files.isDirectory(classes) ? classpathFile : classes)
                    + "): run ./mvnw -DskipTests install in " + repositoryRoot() + " first");
        }
        try {
            String dependencies = Files.readString(classpathFile).strip();
            return dependencies.isEmpty() ? classes.toString() : classes + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + classpathFile, e);
        }
    }

    /** Returns the {@code java} launcher of the running JVM, so children use the same Java version. */
    static Path javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java;
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new IllegalStateException("No java executable found under java.home "
                        + System.getProperty("java.home")));
    }

    /**
     * Returns the repository root.
     *
     * @throws IllegalStateException when {@code znyw.home} or {@code ZNYW_HOME} names a folder
     *     without the embedded modules, or when neither is set and no parent folder has them
     */
    static Path repositoryRoot() {
        String configured = System.getProperty("znyw.home");
        String source = "system property znyw.home";
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("ZNYW_HOME");
            source = "environment variable ZNYW_HOME";
        }
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve(MARKER))) {
                throw new IllegalStateException("The " + source + " is '" + configured + "', but " + root.resolve(MARKER)
                        + " does not exist: point it at the ZNYW repository root");
            }
            return root;
        }

        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return dir;
            }
        }
        throw new IllegalStateException("No ZNYW repository found at or above " + start
                + ": run from inside the repository or set -Dznyw.home or ZNYW_HOME to its root");
    }
}
