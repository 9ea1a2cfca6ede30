package tongban.hub.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error the API raises becomes problem JSON with a stable code; nothing else reaches the caller. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    /** The exchange's own failures, the message log unable to take a call, anything unexpected. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> failure(Exception failure) {
        return Problems.forFailure(failure);
    }

    /** Spring MVC's own errors (unsupported media type, method not allowed, …) get our code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        return ResponseEntity.status(status).headers(headers).contentType(Problems.PROBLEM_JSON)
                .body(Problems.ofStatus(status));
    }
}
