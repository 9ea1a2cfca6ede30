package tongban.hub.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    public byte[] success(String requestId, String department, String service, String caseId, Object data) {
        ObjectNode envelope = json.createObjectNode()
                .put("requestId", requestId)
                .put("department", department)
                .put("service", service);
        if (caseId != null) {
            envelope.put("caseId", caseId);
        }
        envelope.set("data", json.valueToTree(data));
        return bytes(envelope);
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
