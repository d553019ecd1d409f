package com.znyw.console.anomaly;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Anomalies across series and operators' verdicts on them. */
@RestController
@RequestMapping("/api/v1/anomalies")
@Tag(name = "Anomalies")
public class AnomalyApiController {

    /** One anomaly as JSON. */
    public record AnomalyDto(String series, String kpi, Map<String, String> tags, long ts,
                             double value, double expected, double lower, double upper,
                             double score, String detector, String modelVersion, Verdict verdict) {
    }

    /** A verdict on the anomaly of {@code series} at {@code ts} (epoch milliseconds). */
    public record FeedbackRequest(String series, Long ts, String verdict) {
    }

    private final AnomalyService anomalies;
    private final FeedbackService feedback;

    public AnomalyApiController(AnomalyService anomalies, FeedbackService feedback) {
        this.anomalies = anomalies;
        this.feedback = feedback;
    }

    @GetMapping
    @Operation(summary = "List anomalies of all series, newest first (default: the last 24 hours)")
    public List<AnomalyDto> list(@RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to,
                                 @RequestParam(defaultValue = "500") int limit) {
        return anomalies.recent(instant("from", from), instant("to", to), limit).stream()
                .map(r -> new AnomalyDto(r.point().series, r.point().kpi, r.point().tags, r.point().ts,
                        r.point().value, r.point().expected, r.point().lower, r.point().upper,
                        r.point().score, r.point().detector, r.point().modelVersion, r.verdict()))
                .toList();
    }

    @PostMapping("/feedback")
    @Operation(summary = "Confirm an anomaly or mark it a false alarm")
    public FeedbackService.Feedback judge(@RequestBody FeedbackRequest request, Principal principal) {
        if (request == null || request.series() == null || request.ts() == null || request.verdict() == null) {
            throw new IllegalArgumentException("send series, ts (epoch milliseconds) and verdict"
                    + " (CONFIRMED or FALSE_ALARM)");
        }
        return feedback.record(principal.getName(), request.series(), request.ts(),
                Verdict.parse(request.verdict()));
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + "='" + text
                    + "' is not a time: use ISO-8601 UTC such as 2024-12-04T08:00:00Z");
        }
    }
}
