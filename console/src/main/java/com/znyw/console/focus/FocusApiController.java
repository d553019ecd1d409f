package com.znyw.console.focus;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.znyw.core.csv.CsvError;
import com.znyw.core.csv.CsvException;
import com.znyw.core.focus.FocusError;
import com.znyw.core.focus.FocusJob;
import com.znyw.core.focus.FocusJobStatus;
import com.znyw.core.focus.FocusResult;

import com.znyw.console.i18n.ZnywI18NProvider;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The Focus REST API: submit a CSV for multi-dimensional analysis, poll its job, fetch the
 * ranked result as JSON or CSV, delete it. Errors are RFC 7807 problem details in the caller's
 * language (Accept-Language, Simplified Chinese by default) with the i18n key, its arguments
 * and the line of the file where one applies.
 */
@RestController
@RequestMapping("/api/v1/focus/jobs")
@Tag(name = "Focus", description = "Multi-dimensional analysis of uploaded CSV files")
public class FocusApiController {

    private static final int MAX_LIST = 500;

    private final FocusJobService service;

    public FocusApiController(FocusJobService service) {
        this.service = service;
    }

    @Operation(summary = "Submit a CSV for analysis",
            description = "Multipart form: the file (CSV, optionally gzip; UTF-8 or GBK/GB18030;"
                    + " comma, semicolon or tab) and optional fields layout (cube, leaf_series,"
                    + " records), encoding, delimiter, dimensions, measures, timestamp, target,"
                    + " threshold, anomalyTime, timeZone, maxLayer, maxRootCauses, historyPoints."
                    + " The header and the first rows are checked at once; later rows by the job.")
    @ApiResponse(responseCode = "202", description = "Accepted; poll the job")
    @ApiResponse(responseCode = "400", description = "Invalid file or parameters")
    @ApiResponse(responseCode = "413", description = "File larger than znyw.focus.max-upload-size")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<FocusJobView> submit(
            @Parameter(description = "The CSV file") @RequestPart("file") MultipartFile file,
            @Parameter(hidden = true) @RequestParam Map<String, String> form,
            Principal principal, HttpServletRequest request) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>(form);
        parameters.remove("file");
        parameters.values().removeIf(value -> value == null || value.isBlank());
        FocusJob job;
        try (InputStream content = file.getInputStream()) {
            job = service.accept(file.getOriginalFilename(), content, parameters,
                    principal == null ? "anonymous" : principal.getName());
        }
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/focus/jobs/" + job.id()))
                .body(FocusJobView.of(job, service, callerLocale(request)));
    }

    @Operation(summary = "List recent jobs, newest first")
    @GetMapping
    public List<FocusJobView> list(@RequestParam(defaultValue = "50") int limit,
            HttpServletRequest request) {
        Locale locale = callerLocale(request);
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit=" + limit + " is out of range: use 1 to "
                    + MAX_LIST);
        }
        return service.list(limit).stream().map(job -> FocusJobView.of(job, service, locale))
                .toList();
    }

    @Operation(summary = "Get a job's status, progress and error")
    @ApiResponse(responseCode = "404", description = "No such job")
    @GetMapping("/{id}")
    public FocusJobView get(@PathVariable String id, HttpServletRequest request) {
        return FocusJobView.of(require(id), service, callerLocale(request));
    }

    @Operation(summary = "Get a finished job's result as JSON")
    @ApiResponse(responseCode = "409", description = "The job has not succeeded")
    @GetMapping(value = "/{id}/result", produces = MediaType.APPLICATION_JSON_VALUE)
    public FocusResult result(@PathVariable String id) {
        return requireResult(id);
    }

    @Operation(summary = "Get a finished job's ranked combinations as CSV")
    @GetMapping(value = {"/{id}/result.csv", "/{id}/result"}, produces = "text/csv")
    public ResponseEntity<String> resultCsv(@PathVariable String id) {
        FocusResult result = requireResult(id);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"focus-" + id + ".csv\"")
                .body(FocusJobService.resultCsv(result));
    }

    @Operation(summary = "Delete a job and its stored file; cancels it when running")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        if (!service.delete(id)) {
            throw new FocusJobNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }

    private FocusJob require(String id) {
        return service.find(id).orElseThrow(() -> new FocusJobNotFoundException(id));
    }

    private FocusResult requireResult(String id) {
        FocusJob job = require(id);
        if (job.status() != FocusJobStatus.SUCCEEDED || job.result() == null) {
            throw new IllegalStateException("Focus job " + id + " is " + job.status()
                    + ", so it has no result: poll /api/v1/focus/jobs/" + id
                    + " until it is SUCCEEDED");
        }
        return job.result();
    }

    @ExceptionHandler(FocusRejectedException.class)
    ProblemDetail rejected(FocusRejectedException e, HttpServletRequest request) {
        ProblemDetail problem = csvProblem(e.problem(), callerLocale(request));
        if (e.job() != null) {
            problem.setProperty("jobId", e.job().id());
        }
        return problem;
    }

    @ExceptionHandler(CsvException.class)
    ProblemDetail invalid(CsvException e, HttpServletRequest request) {
        return csvProblem(e, callerLocale(request));
    }

    @ExceptionHandler(UploadTooLargeException.class)
    ProblemDetail tooLarge(UploadTooLargeException e) {
        return tooLargeProblem(e.limitBytes());
    }

    @ExceptionHandler(FocusJobNotFoundException.class)
    ProblemDetail notFound(FocusJobNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /**
     * Returns the caller's language from Accept-Language, or Simplified Chinese when the header
     * is absent, because the servlet container would otherwise fall back to the server's locale.
     */
    static Locale callerLocale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? ZnywI18NProvider.CHINESE
                : ZnywI18NProvider.supported(request.getLocale());
    }

    static ProblemDetail tooLargeProblem(long limitBytes) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The upload is larger than the limit of " + limitBytes + " bytes: split the"
                        + " file, compress it with gzip, or raise znyw.focus.max-upload-size");
        problem.setTitle("Upload too large");
        problem.setProperty("limitBytes", limitBytes);
        return problem;
    }

    private ProblemDetail csvProblem(CsvException e, Locale locale) {
        FocusError error = FocusError.of(e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                service.message(error, locale));
        problem.setTitle(e.error() == CsvError.INVALID_PARAMETER
                || e.error() == CsvError.MISSING_PARAMETER ? "Invalid parameter" : "Invalid file");
        problem.setProperty("key", error.key());
        problem.setProperty("arguments", error.arguments());
        problem.setProperty("line", error.line());
        return problem;
    }

    /** No Focus job has the requested id. */
    static class FocusJobNotFoundException extends RuntimeException {
        FocusJobNotFoundException(String id) {
            super("No Focus job with id " + id + ": list the jobs at /api/v1/focus/jobs");
        }
    }
}
