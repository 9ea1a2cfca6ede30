package tongban.hub.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.messagelog.MessageLog;

import java.net.URI;

/**
 * RFC 7807 problem answers with a stable {@code code} that clients can switch on, and the request id
 * so that a caller can quote it to the help desk. Never carries a stack trace or a department's raw error.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:tongban:problem:" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        String requestId = RequestIdFilter.current();
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    /** A refusal by the web layer itself (405, 415, …): the status's name as its code, its reason as the detail. */
    public static ProblemDetail ofStatus(HttpStatus status) {
        return of(status, status.name(), status.getReasonPhrase());
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(of(status, code, detail));
    }

    /**
     * The answer to a failure out of an API handler: an {@link ExchangeFailure} with its own status, code and headers;
     * the message log unable to take the call, 503 (the answer is withheld); anything else, 500 — both logged here,
     * neither with more than a code and the request id for the caller.
     */
    public static ResponseEntity<ProblemDetail> forFailure(Exception failure) {
        if (failure instanceof ExchangeFailure exchange) {
            return ResponseEntity.status(exchange.status()).contentType(PROBLEM_JSON)
                    .headers(headers -> exchange.headers().forEach(headers::set))
                    .body(of(exchange.status(), exchange.code(), exchange.getMessage()));
        }
        if (failure instanceof MessageLog.MessageLogUnavailable) {
            LOG.error("answer withheld: {}", failure.getMessage(), failure);
            return response(HttpStatus.SERVICE_UNAVAILABLE, "MESSAGE_LOG_UNAVAILABLE",
                    "the call could not be recorded, so its answer is withheld; try again later");
        }
        LOG.error("unexpected failure", failure);
        return response(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "the hub failed unexpectedly; quote the request id to the help desk");
    }
}
