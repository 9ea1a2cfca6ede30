package tongban.hub.problem;

import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call to the platform's API refused or failed — by the exchange, the cases, the ratings or any other feature —
 * with the status and stable problem code the caller sees ({@code web.Problems} renders it as RFC 7807). It lives
 * below every feature so that each can throw it without knowing the others.
 */
public class ExchangeFailure extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Integer retryAfterSeconds;
    private String wwwAuthenticate;

    public ExchangeFailure(HttpStatus status, String code, String detail) {
        this(status, code, detail, null);
    }

    public ExchangeFailure(HttpStatus status, String code, String detail, Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * 401 {@code STEP_UP_REQUIRED} for a sign-in below the level a service needs, with the RFC 9470 challenge
     * ({@code WWW-Authenticate: Bearer error="insufficient_user_authentication", acr_values="3"}), so that a
     * client knows to send the person back to Keycloak with {@code acr_values=3}.
     */
    public static ExchangeFailure stepUpRequired(int required, String detail) {
        ExchangeFailure failure = new ExchangeFailure(HttpStatus.UNAUTHORIZED, "STEP_UP_REQUIRED", detail);
        failure.wwwAuthenticate = "Bearer error=\"insufficient_user_authentication\", error_description=\"sign-in at level "
                + required + " required\", acr_values=\"" + required + "\"";
        return failure;
    }

    /** The response headers that go with this failure: {@code Retry-After}, a step-up challenge. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfterSeconds != null) {
            headers.put("Retry-After", Integer.toString(retryAfterSeconds));
        }
        if (wwwAuthenticate != null) {
            headers.put("WWW-Authenticate", wwwAuthenticate);
        }
        return headers;
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

    public static ExchangeFailure forbidden(String code, String detail) {
        return new ExchangeFailure(HttpStatus.FORBIDDEN, code, detail);
    }
}
