package com.znyw.core.focus;

import java.time.Instant;
import java.util.Map;

/**
 * One Focus analysis as stored in the MongoDB collection {@code focus_jobs}.
 *
 * @param id          the job id, a UUID chosen at upload
 * @param status      where the job is in its life cycle
 * @param progress    0 to 1; reading the file is the first 80 percent
 * @param phase       what the job does now: queued, reading, searching, done or failed
 * @param fileName    the uploaded file's name, as the user's browser or script gave it
 * @param storedFile  the absolute path of the stored upload, kept after the job ends
 * @param fileSize    the stored file's size in bytes
 * @param parameters  the analysis settings, see {@link FocusParameters}
 * @param flinkJobId  the Flink job id once submitted, else null
 * @param submittedBy the user name of the submitter
 * @param createdAt   when the upload was accepted
 * @param updatedAt   the time of the last change
 * @param startedAt   when the Flink job started reading, else null
 * @param finishedAt  when the job succeeded or failed, else null
 * @param version     incremented on every change
 * @param error       why the job failed, else null
 * @param result      the result of a successful job, else null
 */
public record FocusJob(String id, FocusJobStatus status, double progress, String phase,
        String fileName, String storedFile, long fileSize, Map<String, String> parameters,
        String flinkJobId, String submittedBy, Instant createdAt, Instant updatedAt,
        Instant startedAt, Instant finishedAt, long version, FocusError error,
        FocusResult result) {

    public FocusJob {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** Creates a queued job for a stored upload. */
    public static FocusJob queued(String id, String fileName, String storedFile, long fileSize,
            Map<String, String> parameters, String submittedBy, Instant now) {
        return new FocusJob(id, FocusJobStatus.QUEUED, 0, "queued", fileName, storedFile,
                fileSize, parameters, null, submittedBy, now, now, null, null, 1, null, null);
    }
}
