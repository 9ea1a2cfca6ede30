package tongban.hub.exchange.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tongban.hub.support.ArtemisBroker;
import tongban.hub.support.HubProcess;
import tongban.hub.support.ProdProfile;
import tongban.hub.support.Submissions;
import tongban.hub.support.TcpProxy;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The parts the hub stands on, failing under it, in the prod profile on the real ones: PostgreSQL cut off (a network
 * cut between hub and database) while calls come in — they get 503 {@code MESSAGE_LOG_UNAVAILABLE}, the hub says it
 * is not ready, and when the database is back it recovers by itself with the message log's hash chain intact and
 * every answered call on record once; then the external Artemis broker killed with SIGKILL mid-batch and restarted on
 * its journal — the hub says it is not ready meanwhile, reconnects by itself, and every accepted submission is
 * finished exactly once.
 */
class OutagesOfTheDatabaseAndBrokerTest {

    private static final int SUBMISSIONS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final WireMockServer APPROVALS = MockDepartment.start("construction-approval", 0);
    private static final AsyncProperties REDELIVERY = ProdProfile.QUICK_REDELIVERY;

    @AfterAll
    static void stop() {
        APPROVALS.stop();
    }

    @Test
    void theHubRidesOutTheDatabaseCutOffAndTheBrokerKilled() throws Exception {
        Path work = Path.of("target", "outages").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work);
        String database = TestPostgres.freshDatabase("outages");
        int postgresPort = Integer.parseInt(TestPostgres.hostPort().substring(TestPostgres.hostPort().lastIndexOf(':') + 1));

        try (ArtemisBroker broker = ArtemisBroker.start(work.resolve("broker"), REDELIVERY);
             TcpProxy cable = new TcpProxy(postgresPort)) {
            String throughCable = database.replace(":" + postgresPort + "/", ":" + cable.port() + "/");
            try (HubProcess hub = HubProcess.start(work.resolve("hub"), work.resolve("hub.log"),
                    ProdProfile.arguments(broker.url(), throughCable, APPROVALS.baseUrl(), REDELIVERY))) {
                List<String> answered = new ArrayList<>();
                answered.add(okCall(hub));

                // the database cut off: calls are refused, not answered off the record
                cable.cut();
                await().atMost(Duration.ofSeconds(20)).until(() -> call(hub).statusCode() == 503);
                HttpResponse<String> refused = call(hub);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("MESSAGE_LOG_UNAVAILABLE");
                await().atMost(Duration.ofSeconds(20)).until(() -> readiness(hub) == 503);

                cable.mend();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> call(hub).statusCode() == 200);
                await().atMost(Duration.ofSeconds(20)).until(() -> readiness(hub) == 200);
                answered.add(okCall(hub));

                // submissions on their queue while the database is cut off longer than the broker's redelivery budget
                // (4 deliveries in about 3 s here): they wait for it instead of spending the broker's attempts
                APPROVALS.setGlobalFixedDelay(300);
                List<String> waiting = Submissions.submitAll(List.of(hub), 8, "database-cut-");
                cable.cut();
                await().atMost(Duration.ofSeconds(20)).until(() -> readiness(hub) == 503);
                await("the database stays cut off").during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                        .until(() -> readiness(hub) == 503);
                cable.mend();
                APPROVALS.setGlobalFixedDelay(0);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions().until(() -> Submissions.allSucceeded(hub, waiting));
                JsonNode chain = verifyChain(hub);
                assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();

                // the broker killed mid-batch and restarted on its journal
                APPROVALS.setGlobalFixedDelay(100);
                List<String> ids = Submissions.submitAll(List.of(hub), SUBMISSIONS, "outage-");
                await().atMost(Duration.ofSeconds(60)).until(() -> departmentCalls() >= SUBMISSIONS / 4);
                broker.kill();
                await().atMost(Duration.ofSeconds(30)).until(() -> readiness(hub) == 503);
                broker.run();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> count(database, "SELECT COUNT(*) FROM submission WHERE status = 'SUCCEEDED' "
                                + "AND idempotency_key LIKE 'outage-%'") == SUBMISSIONS);
                await().atMost(Duration.ofSeconds(30)).until(() -> readiness(hub) == 200);
                assertThat(Submissions.allSucceeded(hub, ids)).isTrue();

                try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
                    for (String requestId : answered) {
                        assertThat(Submissions.count(db, "SELECT COUNT(*) FROM message_log WHERE request_id = ?", requestId))
                                .as("an answered call is on record once").isEqualTo(1);
                    }
                    // the 40 across the broker's kill and the 8 that waited out the database: each succeeded once
                    assertThat(Submissions.count(db, "SELECT COUNT(DISTINCT request_id) FROM message_log "
                            + "WHERE outcome = 'OK' AND request_id LIKE '%/%'", null))
                            .as("one successful attempt per submission").isEqualTo(SUBMISSIONS + 8);
                    assertThat(Submissions.count(db, "SELECT COUNT(*) FROM message_log "
                            + "WHERE outcome = 'OK' AND request_id LIKE '%/%'", null)).isEqualTo(SUBMISSIONS + 8);
                    assertThat(Submissions.count(db, "SELECT COUNT(*) FROM submission WHERE status = 'DEAD_LETTERED'",
                            null)).as("none left for an operator").isZero();
                }
                assertThat(verifyChain(hub).path("intact").asBoolean()).isTrue();
            }
        } finally {
            APPROVALS.setGlobalFixedDelay(0);
        }
        TestPostgres.drop(database);
    }

    private static String okCall(HubProcess hub) throws Exception {
        HttpResponse<String> answer = call(hub);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("requestId").asText();
    }

    private static HttpResponse<String> call(HubProcess hub) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.url()
                        + "/api/v1/services/construction-approval/project-status"))
                .header("Authorization", "Bearer " + Tokens.of("zhangsan"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"projectCode\": \"" + Submissions.PROJECT + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The readiness probe as Kubernetes asks it: a probe that does not answer in 5 s counts as not ready. */
    private static int readiness(HubProcess hub) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(hub.managementUrl() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            return 503;
        }
    }

    private static JsonNode verifyChain(HubProcess hub) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/message-log/verification"))
                .header("Authorization", "Bearer " + Tokens.of("zhaoliu"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int departmentCalls() {
        return APPROVALS.countRequestsMatching(getRequestedFor(urlPathMatching("/gcjs/api/project/" + Submissions.PROJECT
                + "/.*")).build()).getCount();
    }

    private static int count(String database, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            return Submissions.count(db, sql, null);
        }
    }
}
