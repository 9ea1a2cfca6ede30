package tongban.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.mocks.MockDepartment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every end-to-end test shares: the real Keycloak, the departments' WireMock stubs (started once per JVM),
 * the hub's settings for them, and helpers to call the exchange. A subclass adds its data folder and whatever
 * settings make its Spring context different; most tests extend {@link HubTest}, which is one shared context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics // /actuator/prometheus as in production
@org.springframework.context.annotation.Import(MovableClock.InContext.class)
public abstract class HubTestBase {

    /** The configured department timeout: the slow stubs take 8 s, the hub gives up after this. */
    public static final int DEPARTMENT_TIMEOUT_MS = 2000;
    /** The property a test sets to grant the demo CLI client one more service: after the base grants below. */
    protected static final String EXTRA_CLI_GRANT = "tongban.exchange.access-rights.tongban-cli[7]";

    /** Every mock department (each folder of mocks/ with stubs), started once per JVM. */
    protected static final Map<String, WireMockServer> DEPARTMENTS = startAll();
    protected static final WireMockServer ITEM_LIBRARY = DEPARTMENTS.get("item-library");
    protected static final WireMockServer PUBLIC_SECURITY = DEPARTMENTS.get("public-security");
    protected static final WireMockServer ENTERPRISE_REGISTRATION = DEPARTMENTS.get("enterprise-registration");
    protected static final WireMockServer CONSTRUCTION_APPROVAL = DEPARTMENTS.get("construction-approval");
    protected static final WireMockServer TAX = DEPARTMENTS.get("tax");
    protected static final WireMockServer SOCIAL_INSURANCE = DEPARTMENTS.get("social-insurance");
    protected static final WireMockServer REAL_ESTATE = DEPARTMENTS.get("real-estate");
    protected static final WireMockServer PROVINCIAL_RATING = DEPARTMENTS.get("provincial-rating");
    protected static final WireMockServer HOTLINE = DEPARTMENTS.get("hotline-12345");

    private static Map<String, WireMockServer> startAll() {
        Map<String, WireMockServer> servers = new java.util.LinkedHashMap<>();
        for (String department : MockDepartment.all()) {
            servers.put(department, MockDepartment.start(department, 0));
        }
        return java.util.Collections.unmodifiableMap(servers);
    }

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("tongban.sso.issuer", TestKeycloak::issuer);
        // each department at its stubs (its demo settings come with the mocks: DemoDepartmentSettings)
        DEPARTMENTS.forEach((department, server) -> {
            registry.add("tongban.departments." + department + ".url", server::baseUrl);
            registry.add("tongban.departments." + department + ".timeout-ms", () -> DEPARTMENT_TIMEOUT_MS);
        });
        registry.add("tongban.exchange.max-request-bytes", () -> 4096);
        // quick redelivery, so that retry and dead-letter cases finish in a second
        registry.add("tongban.exchange.async.max-attempts", () -> 4);
        registry.add("tongban.exchange.async.redelivery-delay", () -> "100ms");
        registry.add("tongban.exchange.async.redelivery-multiplier", () -> "1.0");
        registry.add("tongban.exchange.async.outbox-sweep-after", () -> "1s");
        registry.add("tongban.exchange.async.outbox-sweep-every", () -> "500ms");
        // archiving and anchoring run when a test asks (MessageLogArchiveTest), not on a timer in the middle of another
        registry.add("tongban.message-log.archive.every", () -> "1000d");
        registry.add("tongban.message-log.archive.anchor-every", () -> "1000d");
        // the demo CLI client gets everything but the item list, so that "no access right" has a case to show
        registry.add("tongban.exchange.access-rights.tongban-cli[0]", () -> "item-library/item-detail");
        registry.add("tongban.exchange.access-rights.tongban-cli[1]", () -> "public-security/*");
        registry.add("tongban.exchange.access-rights.tongban-cli[2]", () -> "enterprise-registration/*");
        registry.add("tongban.exchange.access-rights.tongban-cli[3]", () -> "construction-approval/*");
        registry.add("tongban.exchange.access-rights.tongban-cli[4]", () -> "tax/*");
        registry.add("tongban.exchange.access-rights.tongban-cli[5]", () -> "social-insurance/*");
        registry.add("tongban.exchange.access-rights.tongban-cli[6]", () -> "traffic-police/*");
    }

    @LocalServerPort
    private int port;
    /**
     * A client on the JDK's HttpClient: Apache HttpClient 5 (TestRestTemplate's default) silently waits out a
     * {@code Retry-After} and sends again, which would hide the very 503s and 429s the tests look for. Every answer
     * it receives from the API is held against the OpenAPI document ({@link ApiContract}).
     */
    protected TestRestTemplate http;

    @BeforeEach
    void client() {
        if (http == null) {
            http = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)
                    .requestFactory(() -> new BufferingClientHttpRequestFactory(new JdkClientHttpRequestFactory()))
                    .additionalInterceptors(new ApiContract()));
        }
    }
    @Autowired
    protected ObjectMapper json;

    /** POSTs {@code body} to {@code /api/v1/services/<service>} as {@code user} (no token when null). */
    protected ResponseEntity<String> call(String user, String service, String body, Map<String, String> extraHeaders) {
        return callWith(user == null ? null : Tokens.of(user), service, body, extraHeaders);
    }

    /** A call with this access token (say, one from a sign-in at a real-name level: {@link Tokens#signedIn}). */
    protected ResponseEntity<String> callWith(String token, String service, String body, Map<String, String> extraHeaders) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        extraHeaders.forEach(headers::add);
        return http.exchange("/api/v1/services/" + service, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    protected ResponseEntity<String> call(String user, String service, String body) {
        return call(user, service, body, Map.of());
    }

    /** A call to the hub with this access token (JSON when there is a body). */
    protected ResponseEntity<String> as(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        if (body != null) {
            headers.set("Content-Type", "application/json");
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    protected JsonNode read(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }

    /** A problem JSON answer with this status and code, and nothing internal in it. */
    protected void assertProblem(ResponseEntity<String> response, int status, String code) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = read(response);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(response.getBody()).doesNotContain("Exception", "at tongban.", "at org.", "ORA-");
    }

    /** A fresh data folder (database, broker journal) for one Spring context. */
    protected static Path tempDir() {
        try {
            return Files.createTempDirectory("tongban-hub-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
