package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tongban.adapters.support.UnifiedSocialCreditCode;
import tongban.hub.support.DepartmentGate;
import tongban.hub.support.HubProcess;
import tongban.hub.support.Tokens;
import tongban.hub.web.BeijingTime;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub killed (SIGKILL) while the parts of several one-thing bundles are going out to their departments, and
 * started again on the same database and broker journal: every part reaches its department as one application (a
 * repeat, if any, carries the same transaction id, so the department drops it), every bundle finishes, and no part
 * is finished twice.
 */
class BundleCrashRecoveryTest {

    private static final int BUNDLES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, WireMockServer> DEPARTMENTS = new LinkedHashMap<>();

    /**
     * The later parts' departments hold every answer to an application until the test opens their gates: with one
     * consumer per queue, each has at most one part out when the kill lands, whatever the machine's speed.
     */
    private static final Map<String, DepartmentGate> GATES = Map.of(
            "public-security", new DepartmentGate(0, url -> url.startsWith("/yzgl/")),
            "tax", new DepartmentGate(0, url -> url.startsWith("/openapi/tax/v1/xbnsr/sq")),
            "social-insurance", new DepartmentGate(0, url -> url.startsWith("/sbjk/services/dwcbdj")));

    static {
        for (String d : List.of("item-library", "enterprise-registration", "public-security", "tax", "social-insurance")) {
            DEPARTMENTS.put(d, GATES.containsKey(d) ? MockDepartment.start(d, 0, true, GATES.get(d))
                    : MockDepartment.start(d, 0));
        }
    }

    @AfterAll
    static void stop() {
        DEPARTMENTS.values().forEach(WireMockServer::stop);
    }

    @Test
    void killedWhilePartsGoOutAndRestartedEveryPartArrivesOnceAndEveryBundleFinishesOnce() throws Exception {
        Path dataDir = Path.of("target", "bundle-crash-recovery").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("hub.log");
        // one consumer per department queue: its parts reach it one after another, so the kill lands between them
        List<String> settings = new ArrayList<>(List.of("--tongban.exchange.async.redelivery-delay=200ms",
                "--tongban.exchange.async.consumers=1", "--tongban.cases.dispatch-interval=300ms"));
        DEPARTMENTS.forEach((d, server) -> settings.add("--tongban.departments." + d + ".url=" + server.baseUrl()));
        List<String> bundles = new ArrayList<>();

        try (HubProcess first = HubProcess.start(dataDir, log, settings)) {
            for (int i = 0; i < BUNDLES; i++) {
                bundles.add(apply(first));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> bundles.stream()
                    .allMatch(b -> received("enterprise-registration", b + "-01") > 0));
            for (String b : bundles) {
                assertThat(notice(first, "enterprise-registration-system", "demo-only-enterprise-registration-secret",
                        "enterprise-registration/application-status", "{\"tzbh\":\"K-" + UUID.randomUUID()
                                + "\",\"wbywh\":\"" + b + "-01\",\"blzt\":\"04\",\"tyshxydm\":\"" + creditCode(b)
                                + "\",\"blsj\":\"" + now("yyyyMMddHHmmss") + "\"}")).isEqualTo(202);
            }
            // the later parts going out, their answers held at the gates
            await().atMost(Duration.ofSeconds(30)).until(() -> GATES.values().stream().anyMatch(g -> g.held() > 0));
            first.kill();
        }
        GATES.values().forEach(DepartmentGate::open);
        long partsOutAtKill = bundles.stream().mapToLong(b -> (received("public-security", b + "-02") > 0 ? 1 : 0)
                + (received("tax", b + "-03") > 0 ? 1 : 0) + (received("social-insurance", b + "-04") > 0 ? 1 : 0)).sum();
        assertThat(partsOutAtKill).as("the kill landed while the parts were going out").isBetween(1L, 3L * BUNDLES - 1);

        try (HubProcess second = HubProcess.start(dataDir, log, settings)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> bundles.stream()
                    .allMatch(b -> received("public-security", b + "-02") > 0 && received("tax", b + "-03") > 0
                            && received("social-insurance", b + "-04") > 0));
            for (String b : bundles) {
                assertThat(notice(second, "public-security-system", "demo-only-public-security-secret",
                        "public-security/seal-status", "{\"tzbh\":\"K-" + UUID.randomUUID() + "\",\"ywbh\":\"" + b
                                + "-02\",\"zt\":\"2\",\"yzbm\":\"46010001\",\"sj\":\"" + now("yyyy-MM-dd HH:mm:ss") + "\"}"))
                        .isEqualTo(202);
                assertThat(notice(second, "tax-system", "demo-only-tax-system-secret",
                        "tax/taxpayer-registration-status", "{\"tzlsh\":\"K-" + UUID.randomUUID() + "\",\"wbywbh\":\""
                                + b + "-03\",\"slzt\":\"W\",\"fpdm\":\"FP1\",\"clsj\":\"" + now("yyyy-MM-dd HH:mm:ss") + "\"}"))
                        .isEqualTo(202);
                assertThat(notice(second, "social-insurance-system", "demo-only-social-insurance-secret",
                        "social-insurance/registration-status", "{\"xxid\":\"K-" + UUID.randomUUID() + "\",\"wbjbh\":\""
                                + b + "-04\",\"aae016\":\"30\",\"cbbh\":\"46019\",\"aae036\":\"" + now("yyyyMMddHHmmss") + "\"}"))
                        .isEqualTo(202);
            }
            for (String b : bundles) {
                await().atMost(Duration.ofSeconds(20)).until(() -> "FINISHED".equals(status(second, b)));
            }
        }

        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/hub"), "tongban", "")) {
            for (String b : bundles) {
                for (String part : List.of("-01", "-02", "-03", "-04")) {
                    assertThat(count(db, "SELECT COUNT(*) FROM submission WHERE case_id = ?", b + part))
                            .as("one submission for %s", b + part).isEqualTo(1);
                    assertThat(count(db, "SELECT COUNT(*) FROM message_log WHERE case_id = ? AND outcome = 'CASE_FINISHED'",
                            b + part)).as("%s finished once", b + part).isEqualTo(1);
                }
                assertThat(count(db, "SELECT COUNT(*) FROM message_log WHERE case_id = ? AND outcome = 'CASE_FINISHED'", b))
                        .as("bundle %s finished once", b).isEqualTo(1);
            }
        }
        // every application a department received more than once came under one transaction id: one application
        assertThat(transactionIds("public-security", "ywbh>([A-Z0-9-]+)<", "qqlsh>([^<]+)<")).allSatisfy((part, ids) ->
                assertThat(ids).as(part).hasSize(1));
        assertThat(transactionIds("tax", "\"wbywbh\":\"([^\"]+)\"", "\"qqlsh\":\"([^\"]+)\"")).allSatisfy((part, ids) ->
                assertThat(ids).as(part).hasSize(1));
        assertThat(transactionIds("social-insurance", "<wbjbh>([^<]+)<", "<jylsh>([^<]+)<")).allSatisfy((part, ids) ->
                assertThat(ids).as(part).hasSize(1));
    }

    private static String apply(HubProcess hub) throws Exception {
        String form = "{\"enterpriseName\":\"海口市重启测试有限公司\",\"enterpriseType\":\"1100\",\"registeredCapital\":10,"
                + "\"address\":\"海口市龙华区\",\"businessScope\":\"软件开发\",\"legalRepresentative\":\"陈静\","
                + "\"legalRepresentativeIdNumber\":\"460100199203154520\",\"sealKinds\":\"01\",\"invoiceKind\":\"026\","
                + "\"invoiceCount\":5,\"employees\":3}";
        HttpResponse<String> applied = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/cases"))
                .header("Authorization", "Bearer " + Tokens.of("chenjing")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bundle\":\"enterprise-opening\",\"form\":" + form + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        return JSON.readTree(applied.body()).at("/summary/caseNumber").asText();
    }

    private static int notice(HubProcess hub, String client, String secret, String callback, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/callbacks/" + callback))
                .header("Authorization", "Bearer " + Tokens.ofClient(client, secret))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String status(HubProcess hub, String caseNumber) throws Exception {
        JsonNode c = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/cases/" + caseNumber))
                .header("Authorization", "Bearer " + Tokens.of("chenjing")).build(), HttpResponse.BodyHandlers.ofString()).body());
        return c.at("/summary/status").asText();
    }

    private static long received(String department, String caseNumber) {
        return DEPARTMENTS.get(department).getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(caseNumber)).count();
    }

    /** Part → the transaction ids it arrived under at this department. */
    private static Map<String, Set<String>> transactionIds(String department, String partPattern, String idPattern) {
        Pattern part = Pattern.compile(partPattern);
        Pattern id = Pattern.compile(idPattern);
        return DEPARTMENTS.get(department).getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .map(r -> r.getBodyAsString())
                .filter(body -> part.matcher(body).find() && id.matcher(body).find())
                .collect(Collectors.groupingBy(body -> first(part, body),
                        Collectors.mapping(body -> first(id, body), Collectors.toSet())));
    }

    private static String first(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    private static int count(Connection db, String sql, String arg) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String creditCode(String caseNumber) {
        String first17 = "91460100MA" + caseNumber.substring(caseNumber.length() - 7);
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    private static String now(String pattern) {
        return LocalDateTime.now(BeijingTime.ZONE).format(DateTimeFormatter.ofPattern(pattern));
    }
}
