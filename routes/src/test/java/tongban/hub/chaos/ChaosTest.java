package tongban.hub.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import tongban.hub.exchange.async.AsyncProperties;
import tongban.hub.support.ArtemisBroker;
import tongban.hub.support.HostileDepartment;
import tongban.hub.support.HubProcess;
import tongban.hub.support.ProdProfile;
import tongban.hub.support.Submissions;
import tongban.hub.support.TcpProxy;
import tongban.hub.support.TestKeycloak;
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
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every fault the hub must ride out, one after another, under load, on the real parts in the prod profile (external
 * Artemis, PostgreSQL behind a cable that can be cut, Keycloak's keys behind another): a department's huge answer,
 * trickling answer, hanging, flapping and down for a while; Keycloak unreachable; the database cut off; the broker
 * killed. For each: calls made, answered within the deadline, 5xx other than the fault's own codes, submissions lost
 * or done twice, the slowest answer, the hub's resident memory — one table, written to
 * {@code routes/target/chaos/chaos-table.txt}. In {@code ./tongban test} each fault lasts 2 s; {@code ./tongban chaos}
 * runs the same at 30 s each ({@code -Dtongban.chaos.seconds}).
 */
class ChaosTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int CALLERS = 8;
    /** The hostile department's deadline (its descriptor) and what a caller may wait beyond it. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** The chart's container limit (values.yaml resources.limits.memory). */
    private static final long CONTAINER_LIMIT_MB = 1024;
    private static final AsyncProperties REDELIVERY = ProdProfile.QUICK_REDELIVERY;

    private final Duration each = Duration.ofSeconds(Long.getLong("tongban.chaos.seconds", 2));
    private final List<Row> table = new ArrayList<>();

    /** One fault's figures, and the answers' codes seen. */
    record Row(String fault, int calls, int inTime, int unexpected, int lost, int duplicated, long maxMs, long rssMb,
               String codes) {
    }

    /** One call's answer: status, problem code, milliseconds. */
    record Answer(int status, String code, long ms) {
    }

    @Test
    void theHubRidesOutEveryFault() throws Exception {
        Path work = Path.of("target", "chaos").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(work);
        HostileDepartment.describe(work.resolve("departments"), "2s");
        String database = TestPostgres.freshDatabase("chaos");
        String hostPort = TestPostgres.hostPort();
        int postgresPort = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        int keycloakPort = URI.create(TestKeycloak.issuer()).getPort();
        var approvals = MockDepartment.start("construction-approval", 0);

        try (HostileDepartment hostile = new HostileDepartment();
             ArtemisBroker broker = ArtemisBroker.start(work.resolve("broker"), REDELIVERY);
             TcpProxy databaseCable = new TcpProxy(postgresPort);
             TcpProxy keycloakCable = new TcpProxy(keycloakPort);
             TcpProxy approvalsCable = new TcpProxy(approvals.port())) {
            List<String> arguments = ProdProfile.arguments(broker.url(),
                    database.replace(":" + postgresPort + "/", ":" + databaseCable.port() + "/"),
                    "http://127.0.0.1:" + approvalsCable.port(), REDELIVERY);
            arguments.addAll(List.of(
                    "--tongban.adapters.descriptors-dir=" + work.resolve("departments"),
                    "--tongban.departments.hostile.url=" + hostile.baseUrl(),
                    "--tongban.exchange.access-rights.tongban-cli[2]=hostile/*",
                    "--tongban.sso.jwk-set-uri=http://localhost:" + keycloakCable.port()
                            + URI.create(TestKeycloak.issuer()).getPath() + "/protocol/openid-connect/certs",
                    "--tongban.exchange.resilience.minimum-calls=1000",
                    "--tongban.exchange.resilience.sliding-window-calls=1000"));
            try (HubProcess hub = HubProcess.start(work.resolve("hub"), work.resolve("hub.log"), arguments)) {
                sync(hub, "department sends a huge answer", "hostile/answer", "{\"mode\":\"huge\"}",
                        Set.of("DEPARTMENT_ANSWER_TOO_LARGE", "DEPARTMENT_BUSY"));
                sync(hub, "department trickles its answer", "hostile/answer", "{\"mode\":\"trickle\"}",
                        Set.of("DEPARTMENT_TIMEOUT", "DEPARTMENT_BUSY"));
                sync(hub, "department hangs", "hostile/answer", "{\"mode\":\"hang\"}",
                        Set.of("DEPARTMENT_TIMEOUT", "DEPARTMENT_BUSY"));
                sync(hub, "department flaps", "hostile/answer", "{\"mode\":\"flap\"}",
                        // flapping long enough, its circuit opens: that is the circuit doing its work
                        Set.of("OK", "DEPARTMENT_UNAVAILABLE", "DEPARTMENT_BUSY", "CIRCUIT_OPEN"));
                submissions(hub, database, "department down, submissions waiting", approvalsCable::cut,
                        approvalsCable::mend);
                String project = "{\"projectCode\":\"" + Submissions.PROJECT + "\"}";
                // without a department to wait for, a call is bounded by the database's connection timeout (3 s)
                Duration ownParts = Duration.ofSeconds(3).plus(GRACE);
                sync(hub, "keycloak unreachable", "construction-approval/project-status", project, Set.of("OK"),
                        keycloakCable::cut, keycloakCable::mend, ownParts);
                sync(hub, "database cut off", "construction-approval/project-status", project,
                        Set.of("OK", "MESSAGE_LOG_UNAVAILABLE"), databaseCable::cut, databaseCable::mend, ownParts);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                        call(hub, "construction-approval/project-status", project).status() == 200);
                submissions(hub, database, "broker killed and restarted", broker::kill, broker::run);
                assertThat(verifyChain(hub).path("intact").asBoolean()).as("the message log's chain").isTrue();
            }
        } finally {
            approvals.stop();
            write(work.resolve("chaos-table.txt"));
        }
        TestPostgres.drop(database);
        for (Row row : table) {
            assertThat(row.unexpected()).as(row.fault() + ": 5xx other than the fault's own").isZero();
            assertThat(row.inTime()).as(row.fault() + ": every call answered by its deadline").isEqualTo(row.calls());
            assertThat(row.lost()).as(row.fault() + ": lost").isZero();
            assertThat(row.duplicated()).as(row.fault() + ": done twice").isZero();
            assertThat(row.rssMb()).as(row.fault() + ": resident memory under the chart's limit").isLessThan(CONTAINER_LIMIT_MB);
        }
    }

    @FunctionalInterface
    private interface Switch {
        void flip() throws Exception;
    }

    private void sync(HubProcess hub, String fault, String service, String body, Set<String> expected) throws Exception {
        sync(hub, fault, service, body, expected, () -> { }, () -> { }, DEADLINE.plus(GRACE));
    }

    /** {@link #CALLERS} callers for the fault's time, the fault switched on at the start and off at the end. */
    private void sync(HubProcess hub, String fault, String service, String body, Set<String> expected, Switch on,
                      Switch off, Duration limitPerCall) throws Exception {
        on.flip();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + each.toNanos();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            for (int i = 0; i < CALLERS; i++) {
                callers.submit(() -> {
                    while (System.nanoTime() < end) {
                        answers.add(call(hub, service, body));
                    }
                    return null;
                });
            }
            callers.shutdown();
            callers.awaitTermination(each.plus(DEADLINE).plus(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            callers.shutdownNow();
            off.flip();
        }
        long limit = limitPerCall.toMillis();
        table.add(new Row(fault, answers.size(), (int) answers.stream().filter(a -> a.ms() <= limit).count(),
                (int) answers.stream().filter(a -> a.status() >= 500 && !expected.contains(a.code())).count(), 0, 0,
                answers.stream().mapToLong(Answer::ms).max().orElse(0), hub.residentMegabytes(),
                String.join(" ", new java.util.TreeSet<>(answers.stream().map(Answer::code).toList()))));
    }

    /** Submissions made while the fault lasts; every one must end SUCCEEDED with one successful attempt. */
    private void submissions(HubProcess hub, String database, String fault, Switch on, Switch off) throws Exception {
        String prefix = "chaos-" + table.size() + "-";
        on.flip();
        List<String> ids = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + each.toNanos();
        int unexpected = 0;
        while (System.nanoTime() < end || ids.isEmpty()) {
            long started = System.nanoTime();
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url()
                            + "/api/v1/services/construction-approval/project-status/submissions"))
                    .header("Authorization", "Bearer " + Tokens.of("zhangsan")).header("Content-Type", "application/json")
                    .header("Idempotency-Key", prefix + ids.size() + "-" + times.size())
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"projectCode\":\"" + Submissions.PROJECT + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            times.add((System.nanoTime() - started) / 1_000_000);
            if (accepted.statusCode() == 202) {
                ids.add(JSON.readTree(accepted.body()).path("submissionId").asText());
            } else if (accepted.statusCode() >= 500) {
                unexpected++; // an outage of a part must not refuse a submission the hub could store
            }
        }
        off.flip();
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> Submissions.allSucceeded(hub, ids));
        } catch (org.awaitility.core.ConditionTimeoutException counted) {
            // counted below as lost
        }
        int lost = 0;
        int duplicated = 0;
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            for (String id : ids) {
                if (Submissions.count(db, "SELECT COUNT(*) FROM submission WHERE status = 'SUCCEEDED' AND id = ?", id) != 1) {
                    lost++;
                }
                if (Submissions.count(db, "SELECT COUNT(*) FROM message_log WHERE outcome = 'OK' AND request_id LIKE ?",
                        id + "/%") > 1) {
                    duplicated++;
                }
            }
        }
        long limit = DEADLINE.plus(GRACE).toMillis();
        table.add(new Row(fault, times.size(), (int) times.stream().filter(t -> t <= limit).count(), unexpected, lost,
                duplicated, times.stream().mapToLong(Long::longValue).max().orElse(0), hub.residentMegabytes(),
                ids.size() + " accepted"));
    }

    private static Answer call(HubProcess hub, String service, String body) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/services/"
                            + service)).header("Authorization", "Bearer " + Tokens.of("zhangsan"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String code = response.statusCode() == 200 ? "OK" : JSON.readTree(response.body()).path("code").asText();
            return new Answer(response.statusCode(), code, (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            return new Answer(599, e.getClass().getSimpleName(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static JsonNode verifyChain(HubProcess hub) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/message-log/verification"))
                .header("Authorization", "Bearer " + Tokens.of("zhaoliu"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private void write(Path file) throws Exception {
        StringBuilder out = new StringBuilder(String.format("%-38s %6s %8s %9s %5s %5s %7s %6s  %s%n", "fault", "calls",
                "in time", "other 5xx", "lost", "twice", "max ms", "RSS MB", "answers"));
        for (Row r : table) {
            out.append(String.format("%-38s %6d %8d %9d %5d %5d %7d %6d  %s%n", r.fault(), r.calls(), r.inTime(),
                    r.unexpected(), r.lost(), r.duplicated(), r.maxMs(), r.rssMb(), r.codes()));
        }
        out.append(String.format("(%d s per fault, %d callers; deadline %d s + %d s; container limit %d MB)%n",
                each.toSeconds(), CALLERS, DEADLINE.toSeconds(), GRACE.toSeconds(), CONTAINER_LIMIT_MB));
        Files.writeString(file, out.toString());
    }
}
