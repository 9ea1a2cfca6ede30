package tongban.hub.exchange.async;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tongban.hub.support.ArtemisBroker;
import tongban.hub.support.DepartmentGate;
import tongban.hub.support.HubProcess;
import tongban.hub.support.ProdProfile;
import tongban.hub.support.Submissions;
import tongban.hub.support.TestPostgres;
import tongban.mocks.MockDepartment;

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
 * The broker as a pair, not a single point: a replicated primary/backup pair of the real Artemis, two hubs on it
 * (prod profile, PostgreSQL). The primary is killed with SIGKILL while submissions are on their way — a quarter
 * answered, the rest held at the department, so the kill lands mid-stream on any machine — and more are submitted
 * while the backup takes over. The hubs reconnect by themselves; every accepted submission finishes exactly once
 * (one successful attempt on record each, department calls at most the ones in flight more). Then the old primary
 * comes back: it finds the pair's active server, starts as its backup and synchronises, takes its place back
 * (fail-back, a second failover the hubs ride through too), and the pair carries on.
 */
class BrokerPairFailoverTest {

    private static final int BEFORE = 16;
    private static final int DURING = 8;
    private static final int CONSUMERS = 2;
    private static final DepartmentGate GATE = new DepartmentGate(BEFORE / 4,
            url -> url.startsWith("/gcjs/api/project/" + Submissions.PROJECT + "/"));
    private static final WireMockServer APPROVALS = MockDepartment.start("construction-approval", 0, true, GATE);
    private static final AsyncProperties REDELIVERY = new AsyncProperties(5, Duration.ofMillis(200), 2.0,
            Duration.ofSeconds(5), CONSUMERS, Duration.ofSeconds(3), Duration.ofHours(72));

    @AfterAll
    static void stop() {
        APPROVALS.stop();
    }

    @Test
    void thePrimaryKilledUnderLoadLosesNothingAndComesBackAsTheBackup() throws Exception {
        Path work = Path.of("target", "broker-pair").toAbsolutePath();
        FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work);
        String database = TestPostgres.freshDatabase("pair");
        ArtemisBroker[] pair = ArtemisBroker.startPair(work, REDELIVERY);
        ArtemisBroker primary = pair[0];
        ArtemisBroker backup = pair[1];
        try (primary; backup) {
            List<String> settings = new ArrayList<>(ProdProfile.arguments(ArtemisBroker.pairUrl(primary, backup),
                    database, APPROVALS.baseUrl(), REDELIVERY));
            settings.add("--tongban.departments.construction-approval.timeout-ms=300000"); // held, not timed out
            try (HubProcess a = HubProcess.start(work.resolve("hub-a"), work.resolve("hub-a.log"), settings);
                 HubProcess b = HubProcess.start(work.resolve("hub-b"), work.resolve("hub-b.log"), settings)) {
                List<String> ids = new ArrayList<>(Submissions.submitAll(List.of(a, b), BEFORE, "pair-before-"));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> GATE.held() > 0 && succeeded(database) == BEFORE / 4);

                primary.kill();
                backup.awaitLog("AMQ221007", Duration.ofSeconds(60)); // the backup is now active
                ids.addAll(Submissions.submitAll(List.of(a, b), DURING, "pair-during-"));
                GATE.open();

                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .until(() -> succeeded(database) == BEFORE + DURING);
                assertThat(Submissions.allSucceeded(a, ids)).isTrue();

                // the old primary back: it finds the pair's active server and joins it as the backup
                primary.startProcess();
                primary.awaitLog("AMQ221109", Duration.ofSeconds(90)); // "Backup Server … started"
                await().atMost(Duration.ofSeconds(60)).until(() -> primary.logCount("AMQ221031") > 0
                        || backup.logCount("AMQ221031") > 1);
                String after = Submissions.submit(b, "pair-after", Submissions.PROJECT);
                await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(database) == BEFORE + DURING + 1);
                assertThat(Submissions.allSucceeded(a, List.of(after))).isTrue();
            }
        }
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            assertThat(Submissions.count(db, "SELECT COUNT(DISTINCT request_id) FROM message_log WHERE outcome = 'OK' "
                    + "AND request_id LIKE '%/%'", null)).as("one successful attempt on record per submission")
                    .isEqualTo(BEFORE + DURING + 1);
            assertThat(Submissions.count(db, "SELECT COUNT(*) FROM message_log WHERE outcome = 'OK' "
                    + "AND request_id LIKE '%/%'", null)).isEqualTo(BEFORE + DURING + 1);
        }
        // at most the attempts in flight when the primary died are made again (two hubs, CONSUMERS each)
        assertThat(departmentCalls()).isBetween(BEFORE + DURING + 1, BEFORE + DURING + 1 + 2 * CONSUMERS);
        TestPostgres.drop(database);
    }

    private static int departmentCalls() {
        return APPROVALS.countRequestsMatching(getRequestedFor(urlPathMatching("/gcjs/api/project/"
                + Submissions.PROJECT + "/.*")).build()).getCount();
    }

    private static int succeeded(String database) throws Exception {
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            return Submissions.count(db, "SELECT COUNT(*) FROM submission WHERE status = 'SUCCEEDED'", null);
        }
    }
}
