package com.znyw.console.focus;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code znyw.focus.*} settings of Focus uploads and job submission.
 *
 * @param uploadDir     where uploads are stored, one file per job; the Flink job reads them
 *                      from there, so a remote cluster needs the same path mounted
 * @param maxUploadSize the largest accepted upload, 1 GB by default
 * @param checkRows     how many data rows are checked at upload, so most malformed files are
 *                      rejected with a 400 at once rather than by the job later
 * @param jobJar        the flink-jobs jar uploaded to the Flink REST API for each analysis;
 *                      submission fails with a clear error while it is empty
 * @param jobMongoUri   the MongoDB URI the Flink job writes to; the console's
 *                      {@code znyw.mongo.uri} when empty
 */
@Validated
@ConfigurationProperties(prefix = "znyw.focus")
public record FocusProperties(
        @NotNull @DefaultValue("data/focus-uploads") Path uploadDir,
        @NotNull @DefaultValue("1GB") DataSize maxUploadSize,
        @Min(0) @Max(1_000_000) @DefaultValue("1000") int checkRows,
        @DefaultValue("") String jobJar,
        @DefaultValue("") String jobMongoUri) {
}
