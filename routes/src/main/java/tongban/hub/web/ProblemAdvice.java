package tongban.hub.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tongban.hub.exchange.ExchangeFailure;
import tongban.hub.messagelog.MessageLog;

/** Every error the API raises becomes problem JSON with a stable code; nothing else reaches the caller. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ExchangeFailure.class)
    ResponseEntity<ProblemDetail> exchangeFailure(ExchangeFailure failure) {
        ResponseEntity<ProblemDetail> response = Problems.response(failure.status(), failure.code(), failure.getMessage());
        if (failure.headers().isEmpty()) {
            return response;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(response.getHeaders());
        failure.headers().forEach(headers::set);
        return ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody());
    }

    @ExceptionHandler(MessageLog.MessageLogUnavailable.class)
    ResponseEntity<ProblemDetail> logUnavailable(MessageLog.MessageLogUnavailable failure) {
        LOG.error("answer withheld: {}", failure.getMessage(), failure);
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "MESSAGE_LOG_UNAVAILABLE",
                "the call could not be recorded, so its answer is withheld; try again later");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        LOG.error("unexpected failure", failure);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "the hub failed unexpectedly; quote the request id to the help desk");
    }

    /** Spring MVC's own errors (unsupported media type, method not allowed, …) get our code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        ProblemDetail problem = Problems.of(status, status.name(), status.getReasonPhrase());
        return ResponseEntity.status(status).headers(headers).contentType(Problems.PROBLEM_JSON).body(problem);
    }
}
