package tongban.hub.exchange;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import tongban.hub.support.HubTestBase;
import tongban.hub.support.Tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker and the rate limit through the real hub, with thresholds small enough to reach in a test
 * (its own Spring context and data folder; the shared one keeps its circuits closed on purpose).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceEndToEndTest extends HubTestBase {

    private static final String FAILING = "{\"creditCode\": \"91460100MA5TERR00G\"}";
    private static final String HEALTHY = "{\"creditCode\": \"91460100MA5T12345C\"}";
    private static final String HEALTHY_PATH = "/qydj/api/v2/qyxx/91460100MA5T12345C";

    private static final Path DATA_DIR = tempDir();

    @DynamicPropertySource
    static void smallThresholds(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", DATA_DIR::toString);
        registry.add("tongban.exchange.resilience.minimum-calls", () -> 3);
        registry.add("tongban.exchange.resilience.sliding-window-calls", () -> 3);
        registry.add("tongban.exchange.resilience.open-for", () -> "3s");
        registry.add("tongban.exchange.resilience.half-open-calls", () -> 1);
        // the rate limit has a client of its own, so that no other test's calls spend its budget (or it theirs)
        registry.add("tongban.exchange.resilience.rate-per-second." + RATED_CLIENT, () -> 1);
        registry.add("tongban.exchange.access-rights." + RATED_CLIENT + "[0]", () -> "construction-approval/*");
    }

    /** A demo service account (DEMO ONLY secret) that the tests above and below never use. */
    private static final String RATED_CLIENT = "construction-system";
    private static final String RATED_CLIENT_SECRET = "demo-only-construction-secret";

    @Test
    @Order(1)
    void aFailingDepartmentsCircuitOpensRefusesWithoutCallingThenClosesWhenItIsHealthy() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertProblem(call("zhangsan", "enterprise-registration/enterprise", FAILING), 502, "DEPARTMENT_ERROR");
        }
        ENTERPRISE_REGISTRATION.resetRequests();

        ResponseEntity<String> refused = call("zhangsan", "enterprise-registration/enterprise", HEALTHY);

        assertProblem(refused, 503, "CIRCUIT_OPEN");
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("3");
        ENTERPRISE_REGISTRATION.verify(0, getRequestedFor(urlPathEqualTo(HEALTHY_PATH)));
        assertThat(call("zhangsan", "construction-approval/project-status",
                "{\"projectCode\": \"2020-460100-47-01-000123\"}").getStatusCode().value())
                .as("another department's circuit is not affected").isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() ->
                call("zhangsan", "enterprise-registration/enterprise", HEALTHY).getStatusCode().value() == 200);
        assertThat(call("zhangsan", "enterprise-registration/enterprise", HEALTHY).getStatusCode().value())
                .as("closed again").isEqualTo(200);
    }

    @Test
    @Order(2)
    void aClientOverItsRateGets429WithRetryAfter() throws Exception {
        String token = Tokens.ofClient(RATED_CLIENT, RATED_CLIENT_SECRET);
        List<ResponseEntity<String>> answers = new ArrayList<>();
        // one call a second: the second call of a second is over the rate however fast the machine is
        for (int i = 0; i < 20 && answers.stream().noneMatch(a -> a.getStatusCode().value() == 429); i++) {
            answers.add(callWith(token, "construction-approval/project-status",
                    "{\"projectCode\": \"2020-460100-47-01-000123\"}", java.util.Map.of()));
        }

        List<ResponseEntity<String>> limited = answers.stream().filter(a -> a.getStatusCode().value() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(answers.stream().filter(a -> a.getStatusCode().value() == 200).count()).isGreaterThan(0);
        assertProblem(limited.get(0), 429, "RATE_LIMITED");
        assertThat(limited.get(0).getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    CircuitBreakerRegistry circuits;

    /**
     * While a department's circuit is open, its submissions are set aside on the queue without an attempt (one would
     * only be spent on a department known to be down); when the circuit lets a trial through they are tried, and
     * what waited is delivered.
     */
    @Test
    @Order(3)
    void submissionsWaitWithoutAttemptsWhileTheirDepartmentsCircuitIsOpen() throws Exception {
        String path = "/gcjs/api/project/2020-460100-47-01-444444/progress";
        var outage = CONSTRUCTION_APPROVAL.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(path))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
        // calls until the circuit opens
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> read(call("zhangsan",
                "construction-approval/project-status", "{\"projectCode\": \"2020-460100-47-01-444444\"}"))
                .path("code").asText().equals("CIRCUIT_OPEN"));
        // held open while the submission is looked at: by itself it would let a trial through after open-for, which
        // a slow machine could reach before the look ends
        CircuitBreaker circuit = circuits.circuitBreaker("construction-approval");
        circuit.transitionToForcedOpenState();

        String id = read(call("zhangsan", "construction-approval/project-status/submissions",
                "{\"projectCode\": \"2020-460100-47-01-000123\"}")).path("submissionId").asText();
        assertThat(id).isNotBlank();
        await("waiting on the queue, not attempted, while the circuit is open").during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5)).until(() -> "ACCEPTED".equals(
                        jdbc.queryForObject("SELECT status FROM submission WHERE id = ?", String.class, id)));
        CONSTRUCTION_APPROVAL.removeStub(outage);
        circuit.transitionToHalfOpenState(); // what the breaker does by itself once open-for has passed

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "SUCCEEDED".equals(
                jdbc.queryForObject("SELECT status FROM submission WHERE id = ?", String.class, id)));
        assertThat(jdbc.queryForList("SELECT outcome FROM message_log WHERE request_id LIKE ? ORDER BY seq",
                String.class, id + "/%")).as("not one attempt spent while it was open").containsExactly("OK");
    }
}
