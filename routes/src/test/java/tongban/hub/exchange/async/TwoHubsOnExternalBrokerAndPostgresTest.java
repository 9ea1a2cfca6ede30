package tongban.hub.exchange.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tongban.hub.support.ArtemisBroker;
import tongban.hub.support.DepartmentGate;
import tongban.hub.support.HubProcess;
import tongban.hub.support.ProdProfile;
import tongban.hub.support.TestKeycloak;
import tongban.hub.support.Submissions;
import tongban.hub.support.TestPostgres;
import tongban.hub.support.Tokens;
import tongban.mocks.MockDepartment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The prod profile for real: two hub processes against one external Artemis broker and one PostgreSQL database.
 * A batch of submissions sent to both is processed exactly once each; one hub killed (SIGKILL) mid-batch loses
 * nothing — the broker gives its unacknowledged messages to the other hub, whose outbox sweep also queues what the
 * dead one had stored but not yet queued. Both hubs log JSON lines carrying the request id.
 */
class TwoHubsOnExternalBrokerAndPostgresTest {

    private static final int SUBMISSIONS = 60;
    private static final int CONSUMERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * The first quarter of the batch answered, every later answer held until the test opens the gate: the kill lands
     * mid-batch whatever the machine's speed.
     */
    private static final DepartmentGate GATE = new DepartmentGate(SUBMISSIONS / 4,
            url -> url.startsWith("/gcjs/api/project/" + Submissions.PROJECT + "/"));
    private static final WireMockServer APPROVALS = MockDepartment.start("construction-approval", 0, true, GATE);
    /** What the broker is created with and what the hubs are told: the broker redelivers, both must agree. */
    private static final AsyncProperties REDELIVERY = new AsyncProperties(5, Duration.ofMillis(200), 2.0,
            Duration.ofSeconds(5), CONSUMERS, Duration.ofSeconds(3), Duration.ofHours(72));

    @AfterAll
    static void stop() {
        APPROVALS.stop();
    }

    @Test
    void twoHubsShareTheWorkExactlyOnceAndOneKilledMidBatchLosesNothing() throws Exception {
        Path work = Path.of("target", "two-hubs").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work);
        String database = TestPostgres.freshDatabase("twohubs");

        try (ArtemisBroker broker = ArtemisBroker.start(work.resolve("broker"), REDELIVERY)) {
            List<String> settings = prodSettings(broker, database);
            HubProcess survivor = HubProcess.start(work.resolve("hub-b"), work.resolve("hub-b.log"), settings);
            try (survivor) {
                List<String> ids = new ArrayList<>();
                try (HubProcess victim = HubProcess.start(work.resolve("hub-a"), work.resolve("hub-a.log"), settings)) {
                    ids.addAll(Submissions.submitAll(List.of(victim, survivor), SUBMISSIONS, "two-hubs-"));
                    // the answered quarter done, the next attempts waiting at the department
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                            .until(() -> GATE.held() > 0 && succeeded(database) == SUBMISSIONS / 4);
                    victim.kill();
                }
                assertThat(succeeded(database)).as("the kill landed mid-batch").isBetween(1, SUBMISSIONS - 1);
                GATE.open();

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> succeeded(database) == SUBMISSIONS);
                assertThat(Submissions.allSucceeded(survivor, ids)).isTrue();
                assertThat(scrape(survivor)).as("queue counts come from the external broker's management address")
                        .contains("tongban_queue_consumers{department=\"construction-approval\"} " + CONSUMERS + ".0");
                // the prod profile keeps health and metrics off the API's port (the one an Ingress routes to)
                HttpResponse<String> metricsOnApiPort = HTTP.send(HttpRequest.newBuilder(URI.create(survivor.url()
                        + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metricsOnApiPort.statusCode()).isEqualTo(404);
                assertThat(metricsOnApiPort.body()).doesNotContain("tongban_");
                // a call to a department that is not there: its WARN line must name the request and the case
                HttpResponse<String> unreachable = HTTP.send(HttpRequest.newBuilder(URI.create(survivor.url()
                                + "/api/v1/services/enterprise-registration/enterprise"))
                        .header("Authorization", "Bearer " + Tokens.of("zhangsan"))
                        .header("Content-Type", "application/json").header("X-Request-Id", "two-hubs-log-check")
                        .header("X-Case-Id", "SC-2020-0042")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"creditCode\": \"91460100MA5T12345C\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(unreachable.statusCode()).as(unreachable.body()).isEqualTo(503);

                // a project whose every attempt fails ends in the department's dead-letter queue on the external
                // broker (created by the broker itself, with its filter), as the gauges read from its management
                String doomed = Submissions.submit(survivor, "two-hubs-doomed", "2020-460100-47-01-999999");
                await().atMost(Duration.ofSeconds(60)).until(() -> "DEAD_LETTERED".equals(status(database, doomed)));
                await().atMost(Duration.ofSeconds(10)).until(() -> scrape(survivor)
                        .contains("tongban_queue_dead_letters{department=\"construction-approval\"} 1.0"));
            }

            try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
                assertThat(Submissions.count(db, "SELECT COUNT(*) FROM submission WHERE status = 'SUCCEEDED'", null))
                        .isEqualTo(SUBMISSIONS);
                assertThat(Submissions.count(db, "SELECT COUNT(*) FROM message_log WHERE request_id LIKE '%/%' AND outcome = 'OK'",
                        null)).as("one successful attempt on record per submission").isEqualTo(SUBMISSIONS);
                assertThat(Submissions.count(db, "SELECT COUNT(DISTINCT request_id) FROM message_log WHERE outcome = 'OK' "
                        + "AND request_id LIKE '%/%'", null)).isEqualTo(SUBMISSIONS);
            }
        }
        // at most the attempts in flight in the killed hub are made again
        assertThat(departmentCalls()).isBetween(SUBMISSIONS, SUBMISSIONS + CONSUMERS);
        List<String> lines = Files.readAllLines(work.resolve("hub-b.log"));
        List<String> json = lines.stream().filter(l -> l.startsWith("{")).toList();
        assertThat(json).as("the prod profile logs JSON").hasSizeGreaterThan(10);
        for (String line : json) {
            assertThat(JSON.readTree(line).has("@timestamp")).as(line).isTrue();
        }
        assertThat(json).anySatisfy(line -> {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("requestId").asText()).isEqualTo("two-hubs-log-check");
            assertThat(entry.path("caseId").asText()).isEqualTo("SC-2020-0042");
            assertThat(entry.at("/log/level").asText()).isEqualTo("WARN");
        });
        TestPostgres.drop(database);
    }

    private static List<String> prodSettings(ArtemisBroker broker, String database) {
        List<String> settings = new ArrayList<>(ProdProfile.arguments(broker.url(), database, APPROVALS.baseUrl(), REDELIVERY));
        // a held answer is not a timed-out one (that would be a second attempt): only the kill or the gate ends it
        settings.add("--tongban.departments.construction-approval.timeout-ms=300000");
        return settings;
    }

    private static int departmentCalls() {
        return APPROVALS.countRequestsMatching(getRequestedFor(urlPathMatching("/gcjs/api/project/" + Submissions.PROJECT + "/.*"))
                .build()).getCount();
    }

    private static String scrape(HubProcess hub) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.managementUrl() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String status(String database, String submissionId) throws Exception {
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD);
             PreparedStatement statement = db.prepareStatement("SELECT status FROM submission WHERE id = ?")) {
            statement.setString(1, submissionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int succeeded(String database) throws Exception {
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            return Submissions.count(db, "SELECT COUNT(*) FROM submission WHERE status = 'SUCCEEDED'", null);
        }
    }
}
