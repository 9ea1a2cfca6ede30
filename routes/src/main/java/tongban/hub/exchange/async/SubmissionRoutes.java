package tongban.hub.exchange.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import tongban.hub.exchange.ExchangeRequest;
import tongban.hub.exchange.JsonRequests;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.web.ApiEndpoints;
import tongban.hub.web.RequestIdFilter;
import tongban.sso.identity.Caller;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/services/{department}/{service}/submissions} (202 with a status URL) and
 * {@code GET /api/v1/submissions/{id}} — a submission is visible only to the client and person who made it. Functional
 * endpoints ({@link ApiEndpoints}) like the synchronous call: a client follows its submission by asking for its status,
 * so both are as busy as the call itself. A status read with {@code Prefer: wait=N} (RFC 7240) is answered when the
 * submission is settled or after N seconds (at most 20), with {@code Preference-Applied: wait=N}: one read instead of
 * a poll every so often ({@link SubmissionWaits}).
 */
@Configuration(proxyBeanMethods = false)
class SubmissionRoutes {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern SUBMISSION_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final String PREFERENCE_APPLIED = "Preference-Applied";

    private final SubmissionService submissions;
    private final JsonRequests requests;
    private final ApiEndpoints api;
    private final ObjectMapper json;
    private final SubmissionWaits waits;

    SubmissionRoutes(SubmissionService submissions, JsonRequests requests, ApiEndpoints api, ObjectMapper json,
                     SubmissionWaits waits) {
        this.waits = waits;
        this.submissions = submissions;
        this.requests = requests;
        this.api = api;
        this.json = json;
    }

    @Bean
    RouterFunctionMapping submissionMapping() {
        return ApiEndpoints.mapping(RouterFunctions
                .route(RequestPredicates.path("/api/v1/services/{department}/{service}/submissions"),
                        api.endpoint(HttpMethod.POST, true, this::submit))
                .andRoute(RequestPredicates.path("/api/v1/submissions/{id}"),
                        api.endpoint(HttpMethod.GET, false, this::status)));
    }

    ServerResponse submit(ServerRequest request) throws IOException {
        var servlet = request.servletRequest();
        String idempotencyKey = servlet.getHeader("Idempotency-Key");
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ExchangeFailure.invalid("Idempotency-Key must be 1–64 letters, digits or . _ : -");
        }
        JsonRequests.Body body = requests.read(servlet);
        SubmissionService.Accepted accepted = submissions.submit(new ExchangeRequest(ApiEndpoints.caller(request),
                request.pathVariable("department"), request.pathVariable("service"),
                new ExchangeRequest.Payload(body.raw(), body.json()), requests.caseId(servlet.getHeader("X-Case-Id")),
                RequestIdFilter.current()), idempotencyKey);
        Submission s = accepted.submission();
        return api.json(ServerResponse.accepted().location(URI.create(statusPath(s))),
                view(s).put("repeated", accepted.repeated()));
    }

    ServerResponse status(ServerRequest request) throws IOException {
        Caller caller = ApiEndpoints.caller(request);
        String id = request.pathVariable("id");
        Submission s = find(caller, id);
        Optional<Duration> wait = preferredWait(request.headers().header("Prefer"));
        if (wait.isEmpty()) {
            return api.json(ServerResponse.ok(), status(s));
        }
        if (settled(s)) {
            return waited(s, wait.get()); // nothing left to wait for: the outcome at once
        }
        Optional<CompletableFuture<Void>> signal = waits.until(id, wait.get());
        if (signal.isEmpty()) {
            return api.json(ServerResponse.ok(), status(s)); // too many reads wait already: as without the preference
        }
        // read again once the wait is registered: a submission settled in between is not waited for in vain
        Submission now = find(caller, id);
        if (settled(now)) {
            return waited(now, wait.get());
        }
        return ServerResponse.async(signal.get().handleAsync((settledOrUp, failure) ->
                api.answer(request, later -> waited(find(caller, id), wait.get())), waits.answering()));
    }

    private ServerResponse waited(Submission s, Duration wait) throws IOException {
        return api.json(ServerResponse.ok().header(PREFERENCE_APPLIED, "wait=" + wait.toSeconds()), status(s));
    }

    /**
     * The wait a {@code Prefer} header asks for (RFC 7240: {@code wait=N} among comma-separated preferences, its own
     * parameters after {@code ;}), at most {@link SubmissionWaits#LONGEST}; none for a header without one, {@code
     * wait=0} or a value that is not a number of seconds — a preference the server cannot honour is ignored.
     */
    static Optional<Duration> preferredWait(List<String> prefer) {
        for (String header : prefer) {
            for (String preference : header.split(",")) {
                String[] nameValue = preference.split(";", 2)[0].split("=", 2);
                if (nameValue.length == 2 && nameValue[0].strip().equalsIgnoreCase("wait")) {
                    String seconds = nameValue[1].strip().replace("\"", "");
                    if (!seconds.matches("[0-9]{1,9}") || Long.parseLong(seconds) == 0) {
                        return Optional.empty();
                    }
                    return Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(seconds),
                            SubmissionWaits.LONGEST.toSeconds())));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean settled(Submission s) {
        return s.status().isFinal() || s.status() == Submission.Status.DEAD_LETTERED;
    }

    private Submission find(Caller caller, String id) {
        return (SUBMISSION_ID.matcher(id).matches() ? submissions.find(id) : Optional.<Submission>empty())
                .filter(found -> Objects.equals(found.clientId(), caller.clientId())
                        && Objects.equals(found.callerSubject(), caller.subject()))
                .orElseThrow(() -> new ExchangeFailure(HttpStatus.NOT_FOUND, "UNKNOWN_SUBMISSION",
                        "there is no such submission for this caller"));
    }

    private ObjectNode status(Submission s) throws IOException {
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
