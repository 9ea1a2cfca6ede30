package tongban.hub.exchange.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.exchange.ExchangeFailure;
import tongban.hub.exchange.JsonRequests;
import tongban.hub.web.RequestIdFilter;
import tongban.sso.identity.Caller;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/services/{department}/{service}/submissions} (202 with a status URL) and
 * {@code GET /api/v1/submissions/{id}} — a submission is visible only to the client and person who made it.
 */
@RestController
class SubmissionController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern SUBMISSION_ID = Pattern.compile("[0-9a-f-]{36}");

    private final SubmissionService submissions;
    private final JsonRequests requests;
    private final ObjectMapper json;

    SubmissionController(SubmissionService submissions, JsonRequests requests, ObjectMapper json) {
        this.submissions = submissions;
        this.requests = requests;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/services/{department}/{service}/submissions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> submit(@AuthenticationPrincipal Jwt jwt, @PathVariable String department,
                                      @PathVariable String service,
                                      @RequestHeader(name = "X-Case-Id", required = false) String caseId,
                                      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                      HttpServletRequest request) throws IOException {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ExchangeFailure.invalid("Idempotency-Key must be 1–64 letters, digits or . _ : -");
        }
        JsonRequests.Body body = requests.read(request);
        SubmissionService.Accepted accepted = submissions.submit(Caller.from(jwt), department, service, body.raw(),
                body.json(), requests.caseId(caseId), idempotencyKey, RequestIdFilter.current());
        Submission s = accepted.submission();
        return ResponseEntity.accepted()
                .location(URI.create(statusPath(s)))
                .body(view(s).put("repeated", accepted.repeated()));
    }

    @GetMapping("/api/v1/submissions/{id}")
    ObjectNode status(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) throws IOException {
        Caller caller = Caller.from(jwt);
        Submission s = (SUBMISSION_ID.matcher(id).matches() ? submissions.find(id) : java.util.Optional.<Submission>empty())
                .filter(found -> Objects.equals(found.clientId(), caller.clientId())
                        && Objects.equals(found.callerSubject(), caller.subject()))
                .orElseThrow(() -> new ExchangeFailure(HttpStatus.NOT_FOUND, "UNKNOWN_SUBMISSION",
                        "there is no such submission for this caller"));
        ObjectNode view = view(s).put("attempts", s.attempts()).put("updatedAt", s.updatedAt().toString());
        if (s.resultBody() != null) {
            JsonNode result = json.readTree(s.resultBody());
            view.set(s.status() == Submission.Status.SUCCEEDED ? "result" : "problem", result);
        }
        return view;
    }

    private ObjectNode view(Submission s) {
        ObjectNode view = json.createObjectNode()
                .put("submissionId", s.id())
                .put("department", s.department())
                .put("service", s.service())
                .put("status", s.status().name())
                .put("statusUrl", statusPath(s))
                .put("createdAt", s.createdAt().toString());
        if (s.caseId() != null) {
            view.put("caseId", s.caseId());
        }
        return view;
    }

    private static String statusPath(Submission s) {
        return "/api/v1/submissions/" + s.id();
    }
}
