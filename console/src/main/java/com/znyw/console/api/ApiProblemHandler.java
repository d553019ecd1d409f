package com.znyw.console.api;

import com.znyw.console.jobs.FlinkRestJobService;
import com.znyw.console.jobs.JobNotFoundException;
import com.znyw.console.jobs.UnsupportedJobActionException;
import com.znyw.core.kpi.InvalidKpiConfigException;
import com.znyw.core.kpi.KpiConfigNotFoundException;
import com.znyw.core.kpi.VersionConflictException;
import com.znyw.core.tsdb.ScoreStoreException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the REST API's errors into RFC 7807 problem details whose {@code detail} names the bad
 * value and what to do. Applies to every {@code @RestController} of the console.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler({IllegalArgumentException.class, InvalidKpiConfigException.class})
    ProblemDetail badRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler({KpiConfigNotFoundException.class, JobNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(VersionConflictException.class)
    ProblemDetail conflict(VersionConflictException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Version conflict", "series "
                + e.series() + " is at version " + e.currentVersion() + ", not "
                + e.expectedVersion() + ": read it again and resend your change with version "
                + e.currentVersion());
        problem.setProperty("currentVersion", e.currentVersion());
        return problem;
    }

    @ExceptionHandler({IllegalStateException.class, UnsupportedJobActionException.class})
    ProblemDetail stateConflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler({FlinkRestJobService.FlinkUnavailableException.class, ScoreStoreException.class})
    ProblemDetail unavailable(RuntimeException e) {
        LOG.warn("Back end unavailable: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Back end unavailable", e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + "='" + f.getRejectedValue() + "': " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && statusCode.value() == 400
                && ex.getMessage() != null && problem.getDetail() != null
                && !problem.getDetail().contains(ex.getMessage())) {
            // Spring's default detail for unreadable bodies and bad parameters is generic, so
            // append the parser's message, which names the field and the value.
            problem.setDetail(problem.getDetail() + " " + ex.getMessage());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
