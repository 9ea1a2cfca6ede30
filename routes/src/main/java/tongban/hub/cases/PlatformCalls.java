package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.CaseRules;
import tongban.hub.exchange.ExchangeRequest;
import tongban.hub.exchange.ExchangeService;
import tongban.hub.exchange.async.SubmissionService;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.web.RequestIds;
import tongban.sso.identity.Caller;
import tongban.sso.identity.RealNameLevel;

import java.io.IOException;
import java.util.Set;

/**
 * The platform's own calls on the exchange, made for a case: through the same admission, access rules and message
 * log as anyone's, under the platform's client ({@code tongban.cases.platform-client}) and on the applicant's behalf
 * (their account is the caller recorded in the log).
 */
@Component
class PlatformCalls {

    private final ExchangeService exchange;
    private final SubmissionService submissions;
    private final CasesProperties properties;
    private final ObjectMapper json;

    PlatformCalls(ExchangeService exchange, SubmissionService submissions, CasesProperties properties,
                  ObjectMapper json) {
        this.exchange = exchange;
        this.submissions = submissions;
        this.properties = properties;
        this.json = json;
    }

    /** The platform acting for the applicant of a case (or for nobody in particular, when {@code c} is null). */
    Caller platform(CaseRecord c) {
        return new Caller(c == null ? null : c.applicantSubject(), c == null ? "platform" : c.applicantName(),
                properties.platformClient(), null, RealNameLevel.NONE, 0, Set.of(CaseRules.PLATFORM), null, null);
    }

    /**
     * A synchronous call.
     *
     * @return the answer's data and the request id it is logged under
     * @throws ExchangeFailure the problem the exchange answered with
     */
    Fetched call(CaseRecord c, String department, String service, ObjectNode request) {
        String requestId = RequestIds.next();
        ExchangeService.Answer answer = exchange.call(new ExchangeRequest(platform(c), department, service,
                ExchangeRequest.Payload.of(request), c == null ? null : c.caseNumber(), requestId));
        JsonNode body = read(answer.body());
        if (answer.problem()) {
            throw new ExchangeFailure(answer.status(), body.path("code").asText("DEPARTMENT_ERROR"),
                    body.path("detail").asText(""));
        }
        return new Fetched(body.path("data"), requestId);
    }

    /** What a synchronous call brought back, and its message-log entry. */
    record Fetched(JsonNode data, String requestId) {
    }

    /** Queues a case's part for its department (the same key for the same case and round: never sent twice). */
    SubmissionService.Accepted submit(CaseRecord c, String department, String service, ObjectNode request) {
        return submit(c, department, service, request, c.submissionKey());
    }

    /** Queues a call for a case under its own key: the same key, the same submission, however often asked. */
    SubmissionService.Accepted submit(CaseRecord c, String department, String service, ObjectNode request,
                                      String key) {
        return submissions.submit(new ExchangeRequest(platform(c), department, service,
                ExchangeRequest.Payload.of(request), c.caseNumber(), RequestIds.next()), key);
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ExchangeFailure(HttpStatus.BAD_GATEWAY, "DEPARTMENT_ERROR", "an exchange answer is not JSON");
        }
    }
}
