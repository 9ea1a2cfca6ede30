package tongban.hub.exchange;

import tongban.hub.problem.ExchangeFailure;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tongban.hub.web.Problems;

/**
 * The exchange's one answer shape, written to bytes once — so that what is hashed into the message log is exactly
 * what the caller receives: {@code {requestId, department, service, caseId?, data}} or RFC 7807 problem JSON.
 */
@Component
public class CanonicalAnswers {

    private final ObjectMapper json;

    CanonicalAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** The success shape, written straight from the adapter's answer (no intermediate tree). */
    @JsonPropertyOrder({"requestId", "department", "service", "caseId", "data"})
    record Success(String requestId, String department, String service,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String caseId, Object data) {
    }

    public byte[] success(String requestId, String department, String service, String caseId, Object data) {
        return bytes(new Success(requestId, department, service, caseId, data));
    }

    public byte[] problem(ExchangeFailure failure) {
        ProblemDetail problem = Problems.of(failure.status(), failure.code(), failure.getMessage());
        return bytes(problem);
    }

    public byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical answer could not be written", e);
        }
    }

    /** Department and service come from the URL and may be anything: cut to the log columns' width. */
    public static String cut(String pathSegment) {
        return pathSegment == null || pathSegment.length() <= 64 ? pathSegment : pathSegment.substring(0, 64);
    }
}
