package com.znyw.console.focus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.znyw.core.focus.FocusJob;

/**
 * A Focus job as the REST API returns it: status and progress, timings, and the error in the
 * caller's language. The result has its own endpoint.
 */
public record FocusJobView(String id, String status, double progress, String phase,
        String fileName, long fileSize, Map<String, String> parameters, String flinkJobId,
        String submittedBy, Instant createdAt, Instant startedAt, Instant finishedAt,
        Long durationMs, ErrorView error, Map<String, String> links) {

    /**
     * The reason of a failed job.
     *
     * @param key       the i18n key
     * @param arguments the message arguments
     * @param line      the file's line, 0 when the error is not on one line
     * @param message   the message in the caller's language
     */
    public record ErrorView(String key, List<String> arguments, long line, String message) {
    }

    static FocusJobView of(FocusJob job, FocusJobService service, Locale locale) {
        Long duration = job.startedAt() == null ? null
                : Duration.between(job.startedAt(),
                        job.finishedAt() != null ? job.finishedAt() : Instant.now()).toMillis();
        ErrorView error = job.error() == null ? null
                : new ErrorView(job.error().key(), job.error().arguments(), job.error().line(),
                        service.message(job.error(), locale));
        String self = "/api/v1/focus/jobs/" + job.id();
        return new FocusJobView(job.id(), job.status().name(), job.progress(), job.phase(),
                job.fileName(), job.fileSize(), job.parameters(), job.flinkJobId(),
                job.submittedBy(), job.createdAt(), job.startedAt(), job.finishedAt(), duration,
                error, Map.of("self", self, "result", self + "/result",
                        "resultCsv", self + "/result.csv"));
    }
}
