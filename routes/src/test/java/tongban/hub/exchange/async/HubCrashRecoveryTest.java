package tongban.hub.exchange.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tongban.hub.support.HubProcess;
import tongban.hub.support.Tokens;
import tongban.mocks.MockDepartment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub killed with SIGKILL in the middle of a batch of submissions and started again on the same Artemis
 * journal and database: every submission is finished, none is lost, and none is recorded as done twice.
 */
class HubCrashRecoveryTest {

    private static final int SUBMISSIONS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final WireMockServer APPROVALS = MockDepartment.start("construction-approval", 0);

    @AfterAll
    static void stop() {
        APPROVALS.stop();
    }

    @Test
    void killedMidBatchAndRestartedLosesNothingAndRepeatsNothing() throws Exception {
        // under target/, so that after a failure the journal, database and log can be read
        Path dataDir = Path.of("target", "hub-crash-recovery").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(dataDir);
        java.nio.file.Files.createDirectories(dataDir);
        APPROVALS.setGlobalFixedDelay(150); // a department slow enough for the kill to land mid-batch
        Path log = dataDir.resolve("hub.log");
        List<String> settings = List.of(
                "--tongban.departments.construction-approval.url=" + APPROVALS.baseUrl(),
                "--tongban.exchange.access-rights.tongban-cli[0]=construction-approval/*",
                "--tongban.exchange.async.consumers=4",
                "--tongban.exchange.async.redelivery-delay=200ms");
        List<String> ids = new ArrayList<>();

        try (HubProcess first = HubProcess.start(dataDir, log, settings)) {
            ids.addAll(submitAll(first));
            await().atMost(Duration.ofSeconds(60)).until(
                    () -> APPROVALS.countRequestsMatching(getRequestedFor(urlPathMatching("/gcjs/.*")).build())
                            .getCount() >= SUBMISSIONS / 4);
            first.kill();
        }
        int doneAtKill = succeeded(dataDir, ids);
        assertThat(doneAtKill).as("the kill landed mid-batch").isBetween(1, SUBMISSIONS - 1);

        try (HubProcess second = HubProcess.start(dataDir, log, settings)) {
            // a client that never saw its answers submits again with the same keys: the same submissions come back
            assertThat(submitAll(second)).isEqualTo(ids);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> allSucceeded(second, ids));
        }

        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/hub"), "tongban", "")) {
            assertThat(count(db, "SELECT COUNT(*) FROM submission", null)).isEqualTo(SUBMISSIONS);
            for (String id : ids) {
                assertThat(count(db, "SELECT COUNT(*) FROM message_log WHERE request_id LIKE ? AND outcome = 'OK'",
                        id + "/%")).as("successful attempts recorded for %s", id).isEqualTo(1);
            }
        }
        int departmentCalls = APPROVALS.countRequestsMatching(getRequestedFor(urlPathMatching("/gcjs/.*")).build())
                .getCount();
        // at most the attempts in flight when the process died are made again (4 consumers)
        assertThat(departmentCalls).isBetween(SUBMISSIONS, SUBMISSIONS + 4);
    }

    private static List<String> submitAll(HubProcess hub) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < SUBMISSIONS; i++) {
                String key = "crash-test-" + i;
                sent.add(pool.submit(() -> submit(hub, key)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : sent) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    private static String submit(HubProcess hub, String key) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(hub.url() + "/api/v1/services/construction-approval/project-status/submissions"))
                .header("Authorization", "Bearer " + Tokens.of("zhangsan"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"projectCode\": \"2020-460100-47-01-000123\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("submissionId").asText();
    }

    private static boolean allSucceeded(HubProcess hub, List<String> ids) throws Exception {
        for (String id : ids) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/submissions/" + id))
                    .header("Authorization", "Bearer " + Tokens.of("zhangsan")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode view = JSON.readTree(response.body());
            if (!"SUCCEEDED".equals(view.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    private static int succeeded(Path dataDir, List<String> ids) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/hub"), "tongban", "")) {
            return count(db, "SELECT COUNT(*) FROM submission WHERE status = 'SUCCEEDED'", null);
        }
    }

    private static int count(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
