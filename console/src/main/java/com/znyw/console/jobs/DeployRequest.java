package com.znyw.console.jobs;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Deployment request of an OPERATOR: a template and the settings that override it.
 *
 * @param template          {@code detection} or {@code discovery}
 * @param name              FlinkDeployment name; the template's when blank
 * @param parallelism       1..256
 * @param taskManagerMemory Kubernetes-style memory, for example {@code 2048m} or {@code 4g}
 * @param taskManagerCpu    0.1..32 cores
 */
public record DeployRequest(
        @NotBlank String template,
        @Pattern(regexp = "|[a-z0-9]([-a-z0-9]{0,43}[a-z0-9])?",
                message = "use lower-case letters, digits and '-', at most 45 characters") String name,
        @Min(1) @Max(256) int parallelism,
        @Pattern(regexp = "[1-9][0-9]{0,5}(m|g|Mi|Gi)", message = "write memory like 2048m or 4g")
        String taskManagerMemory,
        @DecimalMin("0.1") @DecimalMax("32") double taskManagerCpu) {

    /**
     * Checks the request the same way the bean validation does, for callers outside MVC.
     *
     * @throws IllegalArgumentException naming the bad value and what to use instead
     */
    public void check() {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("no template given: use detection or discovery");
        }
        if (name != null && !name.matches("|[a-z0-9]([-a-z0-9]{0,43}[a-z0-9])?")) {
            throw new IllegalArgumentException("invalid deployment name '" + name
                    + "': use lower-case letters, digits and '-', at most 45 characters");
        }
        if (parallelism < 1 || parallelism > 256) {
            throw new IllegalArgumentException("parallelism " + parallelism
                    + " is out of range: use 1 to 256");
        }
        if (taskManagerMemory == null || !taskManagerMemory.matches("[1-9][0-9]{0,5}(m|g|Mi|Gi)")) {
            throw new IllegalArgumentException("invalid TaskManager memory '" + taskManagerMemory
                    + "': write it like 2048m or 4g");
        }
        if (!(taskManagerCpu >= 0.1 && taskManagerCpu <= 32)) {
            throw new IllegalArgumentException("TaskManager CPU " + taskManagerCpu
                    + " is out of range: use 0.1 to 32");
        }
    }
}
