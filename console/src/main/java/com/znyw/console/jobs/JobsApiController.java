package com.znyw.console.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Flink jobs: list; in Kubernetes mode also deploy, suspend, resume and scale. */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs")
public class JobsApiController {

    /** New parallelism of a job. */
    public record ParallelismChange(Integer parallelism) {
    }

    private final JobService jobs;

    public JobsApiController(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    @Operation(summary = "List the jobs with their state and web UI link")
    public List<JobInfo> list() {
        return jobs.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Deploy a job from a template (Kubernetes mode)")
    public JobInfo deploy(@Valid @RequestBody DeployRequest request, Principal principal) {
        return jobs.deploy(principal.getName(), request);
    }

    @PostMapping("/{name}/suspend")
    @Operation(summary = "Suspend a job with a savepoint")
    public JobInfo suspend(@PathVariable String name, Principal principal) {
        return jobs.suspend(principal.getName(), name);
    }

    @PostMapping("/{name}/resume")
    @Operation(summary = "Resume a suspended job from its savepoint")
    public JobInfo resume(@PathVariable String name, Principal principal) {
        return jobs.resume(principal.getName(), name);
    }

    @PutMapping("/{name}/parallelism")
    @Operation(summary = "Change a job's parallelism")
    public JobInfo scale(@PathVariable String name, @RequestBody ParallelismChange change,
                         Principal principal) {
        if (change == null || change.parallelism() == null) {
            throw new IllegalArgumentException("no parallelism given: send {\"parallelism\": 4}");
        }
        return jobs.scale(principal.getName(), name, change.parallelism());
    }
}
