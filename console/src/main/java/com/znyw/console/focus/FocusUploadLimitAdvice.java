package com.znyw.console.focus;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Returns a 413 problem detail for an upload over the multipart limit. The servlet container
 * rejects such a request before any controller is chosen, so only an advice without controller
 * selectors sees the exception.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FocusUploadLimitAdvice {

    private final FocusProperties properties;

    public FocusUploadLimitAdvice(FocusProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        return FocusApiController.tooLargeProblem(properties.maxUploadSize().toBytes());
    }
}
