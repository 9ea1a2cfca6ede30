package tongban.hub.exchange.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import tongban.hub.support.HubTest;
import tongban.hub.support.Tokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The asynchronous exchange end to end: real tokens, the real hub, its embedded Artemis broker with a persistent
 * journal, and the construction-approval department's stubs (made to fail for a while where a case needs it).
 */
class AsyncExchangeEndToEndTest extends HubTest {

    private static final String SERVICE = "construction-approval/project-status";
    private static final String PROJECT = "{\"projectCode\": \"2020-460100-47-01-000123\"}";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JmsTemplate jms;
    @Autowired
    CamelContext camel;

    private ResponseEntity<String> submit(String user, String body, String idempotencyKey) {
        return call(user, SERVICE + "/submissions", body,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    private JsonNode status(String user, String submissionId) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of(user));
        return read(http.exchange("/api/v1/submissions/" + submissionId, HttpMethod.GET, new HttpEntity<>(headers),
                String.class));
    }

    private ResponseEntity<String> status(String user, String submissionId, String prefer) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of(user));
        headers.set("Prefer", prefer);
        return http.exchange("/api/v1/submissions/" + submissionId, HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
    }

    private String awaitStatus(String submissionId, String expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> expected.equals(jdbc.queryForObject("SELECT status FROM submission WHERE id = ?", String.class,
                        submissionId)));
        return submissionId;
    }

    private List<String> attemptOutcomes(String submissionId) {
        return jdbc.queryForList("SELECT outcome FROM message_log WHERE request_id LIKE ? ORDER BY seq", String.class,
                submissionId + "/%");
    }

    @Test
    void aSubmissionIsAcceptedThenProcessedAndItsResultFetched() throws Exception {
        ResponseEntity<String> accepted = submit("zhangsan", PROJECT, null);

        assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
        JsonNode body = read(accepted);
        String id = body.path("submissionId").asText();
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/v1/submissions/" + id);
        awaitStatus(id, "SUCCEEDED");
        JsonNode done = status("zhangsan", id);
        assertThat(done.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/result/data/stages/0/status").asText()).isEqualTo("APPROVED");
        assertThat(attemptOutcomes(id)).containsExactly("OK");
        assertThat(jdbc.queryForObject("SELECT outcome FROM message_log WHERE request_id = ?", String.class,
                accepted.getHeaders().getFirst("X-Request-Id"))).isEqualTo("ACCEPTED");
    }

    @Test
    void manyConcurrentSubmissionsAreEachProcessedExactlyOnce() throws Exception {
        int n = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ResponseEntity<String>>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(pool.submit(() -> submit("zhangsan", PROJECT, null)));
        }
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        for (Future<ResponseEntity<String>> f : sent) {
            ResponseEntity<String> response = f.get();
            assertThat(response.getStatusCode().value()).isEqualTo(202);
            ids.add(read(response).path("submissionId").asText());
        }
        pool.shutdown();

        assertThat(ids).doesNotHaveDuplicates().hasSize(n);
        ids.forEach(id -> awaitStatus(id, "SUCCEEDED"));
        for (String id : ids) {
            assertThat(attemptOutcomes(id)).as(id).containsExactly("OK");
        }
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameSubmissionAndADifferentBodyIsRefused() throws Exception {
        ResponseEntity<String> first = submit("zhangsan", PROJECT, "key-project-123");
        ResponseEntity<String> again = submit("zhangsan", PROJECT, "key-project-123");
        ResponseEntity<String> changed = submit("zhangsan", "{\"projectCode\": \"2021-460100-48-01-000456\"}",
                "key-project-123");

        String id = read(first).path("submissionId").asText();
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        assertThat(read(again).path("submissionId").asText()).isEqualTo(id);
        assertThat(read(again).path("repeated").asBoolean()).isTrue();
        assertProblem(changed, 422, "IDEMPOTENCY_KEY_REUSED");
        awaitStatus(id, "SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM submission WHERE idempotency_key = 'key-project-123'",
                Integer.class)).isEqualTo(1);
        assertThat(attemptOutcomes(id)).containsExactly("OK");
    }

    /** A status read that prefers to wait (RFC 7240) is answered once there is an outcome: one read, no polling. */
    @Test
    void aStatusReadThatPrefersToWaitIsAnsweredWithTheOutcome() throws Exception {
        String path = "/gcjs/api/project/2020-460100-47-01-666601/progress";
        // the department takes its time: a read made at once still finds the submission ACCEPTED
        CONSTRUCTION_APPROVAL.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withFixedDelay(1500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":1,\"msg\":\"success\",\"result\":{\"xmdm\":\"2020-460100-47-01-666601\","
                        + "\"xmmc\":\"等一等的项目\",\"spjdList\":[]}}")));
        String id = read(submit("zhangsan", "{\"projectCode\": \"2020-460100-47-01-666601\"}", null))
                .path("submissionId").asText();

        ResponseEntity<String> waited = status("zhangsan", id, "wait=15");

        assertThat(waited.getStatusCode().value()).as(waited.getBody()).isEqualTo(200);
        assertThat(waited.getHeaders().getFirst("Preference-Applied")).isEqualTo("wait=15");
        assertThat(read(waited).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(read(waited).at("/result/data/name").asText()).isEqualTo("等一等的项目");
        // settled already: answered at once, the wait cut to the longest the hub grants
        assertThat(status("zhangsan", id, "respond-async, wait=3600").getHeaders().getFirst("Preference-Applied"))
                .isEqualTo("wait=20");
        // a wait that is not a number of seconds is a preference not honoured: the status at once, nothing applied
        ResponseEntity<String> ignored = status("zhangsan", id, "wait=soon");
        assertThat(ignored.getHeaders().getFirst("Preference-Applied")).isNull();
        assertThat(read(ignored).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    /** The wait is bounded: when it is up, the status so far — here the department is down and it waits for it. */
    @Test
    void aWaitThatIsUpIsAnsweredWithTheStatusSoFar() throws Exception {
        String path = "/gcjs/api/project/2020-460100-47-01-666602/progress";
        var down = CONSTRUCTION_APPROVAL.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        String id = read(submit("zhangsan", "{\"projectCode\": \"2020-460100-47-01-666602\"}", null))
                .path("submissionId").asText();

        ResponseEntity<String> waited = status("zhangsan", id, "wait=1");

        assertThat(waited.getStatusCode().value()).as(waited.getBody()).isEqualTo(200);
        assertThat(waited.getHeaders().getFirst("Preference-Applied")).isEqualTo("wait=1");
        assertThat(read(waited).path("status").asText()).isIn("ACCEPTED", "RETRYING");
        // someone else's submission is not theirs to wait for either
        assertProblem(status("lisi", id, "wait=5"), 404, "UNKNOWN_SUBMISSION");
        CONSTRUCTION_APPROVAL.removeStub(down);
        CONSTRUCTION_APPROVAL.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":1,\"msg\":\"success\",\"result\":{\"xmdm\":\"2020-460100-47-01-666602\","
                        + "\"xmmc\":\"恢复后的项目\",\"spjdList\":[]}}")));
        awaitStatus(id, "SUCCEEDED");
    }

    @Test
    void aDepartmentDownForAWhileIsRetriedAndTheSubmissionDeliveredOnceItRecovers() throws Exception {
        String path = "/gcjs/api/project/2020-460100-47-01-555555/progress";
        CONSTRUCTION_APPROVAL.stubFor(get(urlPathEqualTo(path)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<html>503 Service Temporarily Unavailable</html>"))
                .willSetStateTo("still down"));
        CONSTRUCTION_APPROVAL.stubFor(get(urlPathEqualTo(path)).inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        CONSTRUCTION_APPROVAL.stubFor(get(urlPathEqualTo(path)).inScenario("outage").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":1,\"msg\":\"success\",\"result\":{\"xmdm\":\"2020-460100-47-01-555555\","
                                + "\"xmmc\":\"恢复后的项目\",\"spjdList\":[]}}")));

        String id = read(submit("zhangsan", "{\"projectCode\": \"2020-460100-47-01-555555\"}", null))
                .path("submissionId").asText();

        awaitStatus(id, "SUCCEEDED");
        assertThat(status("zhangsan", id).at("/result/data/name").asText()).isEqualTo("恢复后的项目");
        assertThat(attemptOutcomes(id)).containsExactly("DEPARTMENT_UNAVAILABLE", "DEPARTMENT_UNAVAILABLE", "OK");
        CONSTRUCTION_APPROVAL.verify(3, getRequestedFor(urlPathEqualTo(path)));
    }

    /**
     * A maintenance window longer than the attempts a failing department gets: every submission made meanwhile
     * waits on the queue and is delivered, once, when the department is back — none is left for an operator.
     */
    @Test
    void submissionsMadeDuringAMaintenanceWindowAreAllDeliveredWhenTheDepartmentIsBack() throws Exception {
        var maintenance = CONSTRUCTION_APPROVAL.stubFor(get(urlPathMatching("/gcjs/api/project/2020-460100-47-01-77770[0-9]/progress"))
                .atPriority(1).willReturn(aResponse().withStatus(503)
                        .withBody("<html><body>系统维护中，请稍后访问</body></html>")));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ResponseEntity<String> accepted = submit("zhangsan", "{\"projectCode\": \"2020-460100-47-01-77770" + i + "\"}", null);
            assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
            ids.add(read(accepted).path("submissionId").asText());
        }
        // down well past the attempts a department that answers with errors would get (4 here)
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> attemptOutcomes(id).size() >= 6));
        assertThat(ids).allSatisfy(id -> assertThat(jdbc.queryForObject("SELECT status FROM submission WHERE id = ?",
                String.class, id)).isEqualTo("RETRYING"));

        // the ops console's and Prometheus's view: how many wait for the department, and for how long
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String scraped = http.getForObject("/actuator/prometheus", String.class);
            java.util.regex.Matcher waiting = java.util.regex.Pattern.compile(
                    "tongban_submissions_waiting\\{department=\"construction-approval\"} ([0-9.]+)").matcher(scraped);
            return waiting.find() && Double.parseDouble(waiting.group(1)) >= ids.size()
                    && scraped.contains("tongban_submissions_oldest_waiting_seconds{department=\"construction-approval\"}");
        });

        CONSTRUCTION_APPROVAL.removeStub(maintenance); // back: the project's ordinary answer (its not-found page)

        ids.forEach(id -> awaitStatus(id, "FAILED"));
        for (String id : ids) {
            List<String> outcomes = attemptOutcomes(id);
            assertThat(outcomes.subList(0, outcomes.size() - 1)).containsOnly("DEPARTMENT_UNAVAILABLE");
            assertThat(outcomes.get(outcomes.size() - 1)).as("delivered once, and answered").isEqualTo("RECORD_NOT_FOUND");
        }
        assertThat(deadLetters("construction-approval")).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void aDepartmentThatKeepsAnsweringWithErrorsSendsTheSubmissionToItsDeadLetterQueueAfterTheLastAttempt()
            throws Exception {
        String path = "/gcjs/api/project/2020-460100-47-01-666666/progress";
        CONSTRUCTION_APPROVAL.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"timestamp\":\"2020-07-01T02:00:00.000+00:00\",\"status\":500,\"error\":\"Internal Server Error\"}")));

        String id = read(submit("zhangsan", "{\"projectCode\": \"2020-460100-47-01-666666\"}", null))
                .path("submissionId").asText();

        awaitStatus(id, "DEAD_LETTERED");
        assertThat(attemptOutcomes(id)).hasSize(4).containsOnly("DEPARTMENT_ERROR");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters("construction-approval").contains(id));
        JsonNode view = status("zhangsan", id);
        assertThat(view.path("status").asText()).isEqualTo("DEAD_LETTERED");
        assertThat(view.at("/problem/code").asText()).isEqualTo("DEPARTMENT_ERROR");
    }

    @Test
    void aDepartmentDownLongerThanItsMaximumAgeSendsTheSubmissionToItsDeadLetterQueue() throws Exception {
        // enterprise registration's gateway keeps throttling this one (429: unavailable); its maximum age here is 2 s
        String id = read(call("zhangsan", "enterprise-registration/enterprise/submissions",
                "{\"creditCode\": \"91460100MA5TBLKY02\"}")).path("submissionId").asText();

        awaitStatus(id, "DEAD_LETTERED");
        assertThat(attemptOutcomes(id)).hasSizeGreaterThan(4).containsOnly("DEPARTMENT_UNAVAILABLE");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters("enterprise-registration").contains(id));
    }

    @Test
    void aRecordTheDepartmentDoesNotHaveFailsForGoodWithoutRetrying() throws Exception {
        String id = read(submit("zhangsan", "{\"projectCode\": \"2020-460100-47-01-000124\"}", null))
                .path("submissionId").asText();

        awaitStatus(id, "FAILED");
        assertThat(attemptOutcomes(id)).containsExactly("RECORD_NOT_FOUND");
    }

    @Test
    void refusalsAreSynchronousAndNothingIsQueued() throws Exception {
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM submission", Integer.class);

        assertProblem(call("zhangsan", "tax/tax-clearance/submissions",
                "{\"idNumber\": \"460100198506152341\", \"fromMonth\": \"2020-01\", \"toMonth\": \"2020-06\"}"),
                403, "NOT_OWN_DATA");
        assertProblem(call("zhangsan", "nowhere/nothing/submissions", "{}"), 404, "UNKNOWN_SERVICE");
        assertProblem(submit("zhangsan", "{not json", null), 400, "MALFORMED_JSON");
        assertProblem(submit("zhangsan", PROJECT, "bad key with spaces"), 400, "INVALID_REQUEST");
        assertProblem(submit(null, PROJECT, null), 401, "UNAUTHENTICATED");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM submission", Integer.class)).isEqualTo(before);
    }

    @Test
    void aSubmissionThatIsNotJsonOrNotAPostAndAStatusAskedWithAnotherMethodAreRefusedAsProblemJson() throws Exception {
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM submission", Integer.class);
        HttpHeaders text = new HttpHeaders();
        text.setBearerAuth(Tokens.of("zhangsan"));
        text.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<String> notJson = http.exchange("/api/v1/services/" + SERVICE + "/submissions",
                HttpMethod.POST, new HttpEntity<>(PROJECT, text), String.class);
        assertProblem(notJson, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(notJson.getHeaders().getAccept()).containsExactly(MediaType.APPLICATION_JSON);

        HttpHeaders token = new HttpHeaders();
        token.setBearerAuth(Tokens.of("zhangsan"));
        ResponseEntity<String> get = http.exchange("/api/v1/services/" + SERVICE + "/submissions", HttpMethod.GET,
                new HttpEntity<>(token), String.class);
        assertProblem(get, 405, "METHOD_NOT_ALLOWED");
        assertThat(get.getHeaders().getAllow()).containsExactly(HttpMethod.POST);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM submission", Integer.class)).isEqualTo(before);

        String id = read(submit("zhangsan", PROJECT, null)).path("submissionId").asText();
        ResponseEntity<String> delete = http.exchange("/api/v1/submissions/" + id, HttpMethod.DELETE,
                new HttpEntity<>(token), String.class);
        assertProblem(delete, 405, "METHOD_NOT_ALLOWED");
        assertThat(delete.getHeaders().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.HEAD);
        ResponseEntity<String> head = http.exchange("/api/v1/submissions/" + id, HttpMethod.HEAD,
                new HttpEntity<>(token), String.class);
        assertThat(head.getStatusCode().value()).isEqualTo(200);
        assertThat(head.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    }

    @Test
    void theConsumersSendWhatTheyPutBackInTheSessionThatReceivedTheMessage() {
        // a copy for later (or for the dead letters) then commits with the delivery's acknowledgement: the Camel
        // starter's default is a second session per message, committed on its own before the acknowledgement
        JmsEndpoint endpoint = (JmsEndpoint) camel.getRoute("submissions-construction-approval").getEndpoint();
        assertThat(endpoint.getConfiguration().isTransacted()).isTrue();
        assertThat(endpoint.getConfiguration().isExposeListenerSession()).isTrue();
    }

    @Test
    void aSubmissionIsVisibleOnlyToWhoeverMadeIt() throws Exception {
        String id = read(submit("zhangsan", PROJECT, null)).path("submissionId").asText();

        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of("lisi"));
        ResponseEntity<String> other = http.exchange("/api/v1/submissions/" + id, HttpMethod.GET,
                new HttpEntity<>(headers), String.class);

        assertProblem(other, 404, "UNKNOWN_SUBMISSION");
    }

    private List<String> deadLetters(String department) {
        return jms.browse(DepartmentQueues.deadLetterQueueFqqn(department), (session, browser) -> {
            List<String> ids = new ArrayList<>();
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                ids.add(((jakarta.jms.Message) messages.nextElement()).getStringProperty(SubmissionService.SUBMISSION_ID));
            }
            return ids;
        });
    }
}
