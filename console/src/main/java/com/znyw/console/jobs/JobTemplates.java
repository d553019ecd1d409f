package com.znyw.console.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The FlinkDeployment templates bundled from {@code k8s/flink-deployment/base} into
 * {@code k8s-templates/} on the classpath.
 */
public final class JobTemplates {

    public static final List<String> NAMES = List.of("detection", "discovery");

    private JobTemplates() {
    }

    /**
     * Returns the YAML of a template.
     *
     * @throws IllegalArgumentException naming an unknown template and the known ones
     */
    public static String yaml(String template) {
        if (!NAMES.contains(template)) {
            throw new IllegalArgumentException("unknown template '" + template + "': use one of " + NAMES);
        }
        String path = "k8s-templates/" + template + "-job.yaml";
        try (InputStream in = JobTemplates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template " + path + " is missing from the classpath:"
                        + " rebuild the console module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read template " + path, e);
        }
    }
}
