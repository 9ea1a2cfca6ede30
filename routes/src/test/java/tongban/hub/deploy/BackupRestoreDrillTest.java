package tongban.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tongban.hub.exchange.async.AsyncProperties;
import tongban.hub.support.ArtemisBroker;
import tongban.hub.support.DepartmentGate;
import tongban.hub.support.HubProcess;
import tongban.hub.support.ProdProfile;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The restore of docs/operations.md, drilled on the real parts: a hub on PostgreSQL and the external Artemis takes
 * submissions, some answered, the rest held at the department; the database is dumped with PostgreSQL's own
 * {@code pg_dump} while the hub runs; the hub dies; the dump is restored into a fresh database with {@code pg_restore}
 * and a new hub started on it, on the same broker and archive directory. The chain verifies — database and anchors —
 * every submission is there, and the ones that were waiting finish, each exactly once.
 */
class BackupRestoreDrillTest {

    private static final int SUBMISSIONS = 12;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A third answered at once; the others held until the restore is done, whatever the machine's speed. */
    private static final DepartmentGate GATE = new DepartmentGate(SUBMISSIONS / 3,
            url -> url.startsWith("/gcjs/api/project/" + Submissions.PROJECT + "/"));
    private static final WireMockServer APPROVALS = MockDepartment.start("construction-approval", 0, true, GATE);
    private static final AsyncProperties REDELIVERY = new AsyncProperties(5, Duration.ofMillis(200), 2.0,
            Duration.ofSeconds(5), 2, Duration.ofSeconds(3), Duration.ofHours(72));

    @AfterAll
    static void stop() {
        APPROVALS.stop();
    }

    @Test
    void aDumpTakenWhileTheHubRunsRestoresToAHubWhoseChainVerifiesAndWhoseQueueGoesOn() throws Exception {
        Path work = Path.of("target", "restore-drill").toAbsolutePath();
        FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work);
        Path archive = work.resolve("message-log-archive");
        String database = TestPostgres.freshDatabase("drill");
        String restored = TestPostgres.freshDatabase("restored");

        try (ArtemisBroker broker = ArtemisBroker.start(work.resolve("broker"), REDELIVERY)) {
            List<String> ids = new ArrayList<>();
            long headAtDump;
            try (HubProcess before = HubProcess.start(work.resolve("hub-a"), work.resolve("hub-a.log"),
                    settings(broker, database, archive))) {
                for (int i = 0; i < SUBMISSIONS; i++) {
                    ids.add(Submissions.submit(before, "drill-" + i, Submissions.PROJECT));
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> GATE.held() > 0 && succeeded(database) == SUBMISSIONS / 3);
                // the head anchored outside the database before the backup (anchors every second here)
                headAtDump = head(database);
                await().atMost(Duration.ofSeconds(30)).until(() -> lastAnchoredSeq(archive) == headAtDump);

                run(work, "pg_dump", "-Fc", "-f", work.resolve("tongban.dump").toString(), name(database));
                before.kill();
            }

            run(work, "pg_restore", "--no-owner", "-d", name(restored), work.resolve("tongban.dump").toString());
            assertThat(head(restored)).as("the dump's chain head").isEqualTo(headAtDump);
            GATE.open();
            try (HubProcess after = HubProcess.start(work.resolve("hub-b"), work.resolve("hub-b.log"),
                    settings(broker, restored, archive))) {
                JsonNode verified = verify(after);
                assertThat(verified.path("intact").asBoolean()).as(verified.toString()).isTrue();
                assertThat(verified.path("anchorsChecked").asInt()).isGreaterThan(0);

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> succeeded(restored) == SUBMISSIONS);
                assertThat(Submissions.allSucceeded(after, ids)).isTrue();
                assertThat(verify(after).path("intact").asBoolean()).as("and still, after the queue went on").isTrue();
            }
        }
        try (Connection db = DriverManager.getConnection(restored, TestPostgres.USER, TestPostgres.PASSWORD)) {
            assertThat(Submissions.count(db, "SELECT COUNT(DISTINCT request_id) FROM message_log WHERE outcome = 'OK' "
                    + "AND request_id LIKE '%/%'", null)).as("one successful attempt per submission").isEqualTo(SUBMISSIONS);
        }
        TestPostgres.drop(database);
        TestPostgres.drop(restored);
    }

    private static List<String> settings(ArtemisBroker broker, String database, Path archive) {
        List<String> settings = new ArrayList<>(ProdProfile.arguments(broker.url(), database, APPROVALS.baseUrl(),
                REDELIVERY));
        settings.removeIf(s -> s.startsWith("--TONGBAN_MESSAGE_LOG_ARCHIVE_DIRECTORY="));
        settings.add("--TONGBAN_MESSAGE_LOG_ARCHIVE_DIRECTORY=" + archive); // the volume both hubs mount
        settings.add("--tongban.message-log.archive.anchor-every=1s");
        settings.add("--tongban.departments.construction-approval.timeout-ms=300000"); // held, not timed out
        return settings;
    }

    private static JsonNode verify(HubProcess hub) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url()
                        + "/api/v1/message-log/verification")).header("Authorization", "Bearer " + Tokens.of("zhaoliu"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** PostgreSQL's own tool, as an operator runs it, with the test role's password. */
    private static void run(Path work, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of(command));
        String[] hostPort = TestPostgres.hostPort().split(":");
        full.addAll(1, List.of("-h", hostPort[0], "-p", hostPort[1], "-U", TestPostgres.USER));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(work.resolve(command[0] + ".log").toFile());
        builder.environment().put("PGPASSWORD", TestPostgres.PASSWORD);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(work.resolve(command[0] + ".log"))).isZero();
    }

    private static String name(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    private static long head(String database) throws Exception {
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            return Submissions.count(db, "SELECT last_seq FROM message_log_head WHERE id = 1", null);
        }
    }

    private static int succeeded(String database) throws Exception {
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            return Submissions.count(db, "SELECT COUNT(*) FROM submission WHERE status = 'SUCCEEDED'", null);
        }
    }

    /** The sequence number of the newest anchor in the archive directory, 0 while there is none. */
    private static long lastAnchoredSeq(Path archive) throws Exception {
        Path anchors = archive.resolve("anchors");
        if (!Files.isDirectory(anchors)) {
            return 0;
        }
        long last = 0;
        try (var files = Files.list(anchors)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        last = Math.max(last, JSON.readTree(line).path("seq").asLong());
                    }
                }
            }
        }
        return last;
    }
}
