package com.znyw.console.focus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.vaadin.flow.i18n.I18NProvider;
import com.znyw.core.csv.CsvException;
import com.znyw.core.focus.FocusError;
import com.znyw.core.focus.FocusFinding;
import com.znyw.core.focus.FocusJob;
import com.znyw.core.focus.FocusJobStatus;
import com.znyw.core.focus.FocusJobStore;
import com.znyw.core.focus.FocusParameters;
import com.znyw.core.focus.FocusResult;

import jakarta.annotation.PreDestroy;

/**
 * Accepts Focus uploads, from the REST API and the Focus page alike: stores the file, records
 * the job in {@code focus_jobs}, checks the header and the first rows, and submits the Flink
 * job in the background. Also reads, deletes and exports jobs.
 */
@Service
public class FocusJobService {

    private static final Logger LOG = LoggerFactory.getLogger(FocusJobService.class);

    private final FocusJobStore store;
    private final FocusLauncher launcher;
    private final FocusProperties properties;
    private final I18NProvider i18n;
    private final Clock clock;
    private static final int WATCHED_JOBS = 100;
    private static final long WATCH_INTERVAL_SECONDS = 5;

    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "focus-watch");
                thread.setDaemon(true);
                return thread;
            });
    private final ExecutorService submitter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "focus-submit");
        thread.setDaemon(true);
        return thread;
    });

    public FocusJobService(FocusJobStore store, FocusLauncher launcher,
            FocusProperties properties, I18NProvider i18n, Clock clock) {
        this.store = store;
        this.launcher = launcher;
        this.properties = properties;
        this.i18n = i18n;
        this.clock = clock;
        watcher.scheduleWithFixedDelay(() -> {
            try {
                watchFlinkJobs();
            } catch (RuntimeException e) {
                LOG.warn("Checking Flink states of Focus jobs failed: {}", e.toString());
            }
        }, WATCH_INTERVAL_SECONDS, WATCH_INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Stores an upload and starts its analysis.
     *
     * @param fileName   the name the user's browser or script gave
     * @param content    the file's bytes, plain or gzip; read to the end but not closed
     * @param parameters the analysis settings, see {@link FocusParameters}
     * @param user       the submitter's user name
     * @return the queued job
     * @throws UploadTooLargeException when the content exceeds the size limit; nothing is kept
     * @throws FocusRejectedException  when the parameters, the header or one of the first rows
     *                                 is invalid; the file is kept and the job recorded FAILED
     */
    public FocusJob accept(String fileName, InputStream content, Map<String, String> parameters,
            String user) throws IOException {
        String id = UUID.randomUUID().toString();
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName;
        Path file = store(id, name, content);
        FocusJob job = FocusJob.queued(id, name, file.toString(), Files.size(file), parameters,
                user, clock.instant());
        store.insert(job);
        try {
            FocusParameters parsed = FocusParameters.fromMap(parameters);
            UploadChecker.check(file, parsed, Math.max(1, properties.checkRows()));
        } catch (CsvException e) {
            LOG.info("Rejected Focus upload id={} user={} key={} line={}", id, user,
                    e.error().key(), e.line());
            store.fail(id, FocusError.of(e));
            throw new FocusRejectedException(store.find(id).orElse(job), e);
        }
        submitter.execute(() -> submit(id));
        return job;
    }

    private void submit(String id) {
        try {
            String flinkJobId = launcher.submit(id);
            store.setFlinkJobId(id, flinkJobId);
        } catch (RuntimeException e) {
            LOG.warn("Submitting Focus job id={} failed: {}", id, e.getMessage());
            store.fail(id, FocusError.internal(e.getMessage()));
        }
    }

    private Path store(String id, String fileName, InputStream content) throws IOException {
        Path dir = properties.uploadDir().toAbsolutePath().resolve(id);
        Files.createDirectories(dir);
        Path file = dir.resolve(safeName(fileName));
        long limit = properties.maxUploadSize().toBytes();
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = content.read(buffer)) > 0) {
                written += n;
                if (written > limit) {
                    throw new UploadTooLargeException(limit);
                }
                out.write(buffer, 0, n);
            }
        } catch (UploadTooLargeException e) {
            deleteFolder(dir);
            LOG.info("Rejected Focus upload id={} larger than {} bytes", id, limit);
            throw e;
        }
        LOG.info("Stored Focus upload id={} bytes={} at {}", id, written, file);
        return file;
    }

    /** Keeps letters, digits, dot, dash and underscore, so a name cannot leave the folder. */
    static String safeName(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String safe = base.replaceAll("[^\\p{L}\\p{N}._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "upload" + safe;
        }
        return safe.length() > 120 ? safe.substring(safe.length() - 120) : safe;
    }

    public Optional<FocusJob> find(String id) {
        return store.find(id);
    }

    public List<FocusJob> list(int limit) {
        return store.listRecent(limit);
    }

    /**
     * Deletes a job, its stored file, and cancels its Flink job when it is still running.
     *
     * @return false when there was no such job
     */
    public boolean delete(String id) {
        Optional<FocusJob> job = store.find(id);
        if (job.isEmpty()) {
            return false;
        }
        if (!job.get().status().isFinished() && job.get().flinkJobId() != null) {
            launcher.cancel(job.get().flinkJobId());
        }
        boolean deleted = store.delete(id);
        deleteFolder(Path.of(job.get().storedFile()).getParent());
        return deleted;
    }

    /** Returns the error text in the user's language, with the English text as fallback. */
    public String message(FocusError error, Locale locale) {
        if (error == null) {
            return null;
        }
        String text = i18n.getTranslation(error.key(), locale, error.arguments().toArray());
        return text.startsWith("!") && text.endsWith("!") ? error.message() : text;
    }

    /** Returns the findings as CSV with a header row, in rank order. */
    public static String resultCsv(FocusResult result) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord("rank", "combination", "score", "deviation_share", "support",
                    "leaf_count", "real", "expected", "record_count", "bad_count", "confidence",
                    "lift");
            for (FocusFinding f : result.findings()) {
                printer.printRecord(f.rank(), f.combination(), f.score(), f.deviationShare(),
                        f.support(), f.leafCount(), f.real(), f.expected(),
                        blankIfNull(f.recordCount()), blankIfNull(f.badCount()),
                        blankIfNull(f.confidence()), blankIfNull(f.lift()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object blankIfNull(Object value) {
        return value == null ? "" : value;
    }

    private static void deleteFolder(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot delete folder {}: {}", dir, e.toString());
        }
    }

    /** Tells whether a job has finished, so its result or error will not change. */
    public static boolean isFinished(FocusJob job) {
        return job.status() == FocusJobStatus.SUCCEEDED || job.status() == FocusJobStatus.FAILED;
    }

    /**
     * Marks running jobs FAILED whose Flink job ended without a result. Flink runs a submitted
     * jar detached, so a failure after submission (a lost TaskManager, a missing class) reaches
     * no code of the job that could record it.
     */
    void watchFlinkJobs() {
        for (FocusJob job : store.listRecent(WATCHED_JOBS)) {
            if (isFinished(job) || job.flinkJobId() == null) {
                continue;
            }
            launcher.state(job.flinkJobId()).ifPresent(state -> {
                if (state.state().equals("FAILED") || state.state().equals("CANCELED")
                        || state.state().equals("FINISHED")) {
                    // The job stores its result before Flink reports FINISHED, so a job that is
                    // still unfinished here has lost its result.
                    String cause = state.rootCause() == null || state.rootCause().isBlank()
                            ? "no result was stored" : state.rootCause();
                    LOG.warn("Focus job id={} flinkJob={} ended as {}: {}", job.id(),
                            job.flinkJobId(), state.state(), cause);
                    store.fail(job.id(), FocusError.internal("Flink job " + job.flinkJobId()
                            + " ended as " + state.state() + ": " + cause));
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        submitter.shutdownNow();
        watcher.shutdownNow();
    }
}
