package tongban.hub.exchange.async;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tongban.hub.support.DepartmentGate;
import tongban.hub.support.HubProcess;
import tongban.hub.support.Submissions;
import tongban.mocks.MockDepartment;

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
 * The hub killed with SIGKILL in the middle of a batch of submissions and started again on the same Artemis
 * journal and database: every submission is finished, none is lost, and none is recorded as done twice.
 */
class HubCrashRecoveryTest {

    private static final int SUBMISSIONS = 60;
    /**
     * The first quarter of the batch answered, every later answer held until the test opens the gate: the kill lands
     * mid-batch whatever the machine's speed.
     */
    private static final DepartmentGate GATE = new DepartmentGate(SUBMISSIONS / 4, url -> url.startsWith("/gcjs/"));
    private static final WireMockServer APPROVALS = MockDepartment.start("construction-approval", 0, true, GATE);

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
        Path log = dataDir.resolve("hub.log");
        List<String> settings = List.of(
                "--tongban.departments.construction-approval.url=" + APPROVALS.baseUrl(),
                "--tongban.exchange.access-rights.tongban-cli[0]=construction-approval/*",
                "--tongban.exchange.async.consumers=4",
                "--tongban.exchange.async.redelivery-delay=200ms",
                // a held answer is not a timed-out one (that would be a second attempt): only the kill ends it
                "--tongban.departments.construction-approval.timeout-ms=300000");
        List<String> ids = new ArrayList<>();

        try (HubProcess first = HubProcess.start(dataDir, log, settings)) {
            ids.addAll(submitAll(first));
            // the answered quarter done, the next attempts waiting at the department
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    GATE.held() > 0 && Submissions.succeeded(first, ids) == SUBMISSIONS / 4);
            first.kill();
        }
        GATE.open();
        int doneAtKill = succeeded(dataDir, ids);
        assertThat(doneAtKill).as("the kill landed mid-batch").isBetween(1, SUBMISSIONS - 1);

        try (HubProcess second = HubProcess.start(dataDir, log, settings)) {
            // a client that never saw its answers submits again with the same keys: the same submissions come back
            assertThat(submitAll(second)).isEqualTo(ids);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Submissions.allSucceeded(second, ids));
        }

        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/hub"), "tongban", "")) {
            assertThat(Submissions.count(db, "SELECT COUNT(*) FROM submission", null)).isEqualTo(SUBMISSIONS);
            for (String id : ids) {
                assertThat(Submissions.count(db, "SELECT COUNT(*) FROM message_log WHERE request_id LIKE ? AND outcome = 'OK'",
                        id + "/%")).as("successful attempts recorded for %s", id).isEqualTo(1);
            }
        }
        int departmentCalls = APPROVALS.countRequestsMatching(getRequestedFor(urlPathMatching("/gcjs/.*")).build())
                .getCount();
        // at most the attempts in flight when the process died are made again (4 consumers) — and each repeat carries
        // its submission's transaction id, so the department, dropping repeats by it, sees every submission once
        assertThat(departmentCalls).isBetween(SUBMISSIONS, SUBMISSIONS + 4);
        List<String> transactionIds = APPROVALS.getAllServeEvents().stream()
                .map(event -> event.getRequest().getHeader("X-Lsh")).toList();
        assertThat(transactionIds).hasSize(departmentCalls);
        assertThat(new java.util.HashSet<>(transactionIds)).as("one transaction per submission")
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    private static List<String> submitAll(HubProcess hub) throws Exception {
        return Submissions.submitAll(List.of(hub), SUBMISSIONS, "crash-test-");
    }

    private static int succeeded(Path dataDir, List<String> ids) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/hub"), "tongban", "")) {
            return Submissions.count(db, "SELECT COUNT(*) FROM submission WHERE status = 'SUCCEEDED'", null);
        }
    }
}
