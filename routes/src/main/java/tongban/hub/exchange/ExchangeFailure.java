package tongban.hub.exchange;

import org.springframework.http.HttpStatus;

/** A call refused or failed, with the status and stable problem code the caller sees. */
public class ExchangeFailure extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Integer retryAfterSeconds;

    public ExchangeFailure(HttpStatus status, String code, String detail) {
        this(status, code, detail, null);
    }

    public ExchangeFailure(HttpStatus status, String code, String detail, Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds the caller should wait before trying again, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ExchangeFailure invalid(String detail) {
        return new ExchangeFailure(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", detail);
    }

    static ExchangeFailure forbidden(String code, String detail) {
        return new ExchangeFailure(HttpStatus.FORBIDDEN, code, detail);
    }
}
