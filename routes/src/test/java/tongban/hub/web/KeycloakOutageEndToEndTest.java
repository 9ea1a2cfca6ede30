package tongban.hub.web;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.hub.support.HubTestBase;
import tongban.hub.support.TestKeycloak;
import tongban.hub.support.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub through an outage of Keycloak, seen where it matters to the hub — the realm's signing keys — through a
 * switch in front of Keycloak's key endpoint: a hub that never had the keys answers 503 problem JSON with
 * {@code Retry-After} (never a 500 or a servlet error), takes tokens again as soon as Keycloak is back, and then
 * keeps checking tokens — signature, expiry, issuer, audience — with the keys it has while Keycloak is down again.
 */
class KeycloakOutageEndToEndTest extends HubTestBase {

    private static final AtomicBoolean KEYCLOAK_UP = new AtomicBoolean(false);
    private static final HttpServer KEYS = keyEndpointBehindASwitch();
    private static final String ANY_SERVICE = "public-security/identity-verification";
    private static final String OWN = "{\"name\": \"张三\", \"idNumber\": \"460100199001011230\"}";

    private static HttpServer keyEndpointBehindASwitch() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            HttpClient keycloak = HttpClient.newHttpClient();
            server.createContext("/", exchange -> {
                try (exchange) {
                    if (!KEYCLOAK_UP.get()) {
                        exchange.sendResponseHeaders(502, -1); // the load balancer in front of a Keycloak that is down
                        return;
                    }
                    HttpResponse<byte[]> keys = keycloak.send(HttpRequest.newBuilder(URI.create(
                            TestKeycloak.issuer() + "/protocol/openid-connect/certs")).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(keys.statusCode(), keys.body().length);
                    exchange.getResponseBody().write(keys.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void keysBehindTheSwitch(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", () -> tempDir().toString());
        registry.add("tongban.sso.jwk-set-uri", () -> "http://127.0.0.1:" + KEYS.getAddress().getPort() + "/certs");
    }

    @AfterAll
    static void stop() {
        KEYS.stop(0);
    }

    @Test
    void withoutKeysTheHubSays503AndWithTheKeysItHasItGoesOnCheckingTokensWhileKeycloakIsDown() throws Exception {
        String token = Tokens.of("zhangsan"); // issued before the hub ever reached the keys

        ResponseEntity<String> noKeys = callWith(token, ANY_SERVICE, OWN, Map.of());
        assertProblem(noKeys, 503, "SIGN_IN_UNAVAILABLE");
        assertThat(noKeys.getHeaders().getFirst("Retry-After")).isEqualTo("5");

        KEYCLOAK_UP.set(true);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                callWith(token, ANY_SERVICE, OWN, Map.of()).getStatusCode().value() == 200);

        KEYCLOAK_UP.set(false);
        assertThat(callWith(Tokens.signedIn("lisi", 2), ANY_SERVICE,
                "{\"name\": \"李四\", \"idNumber\": \"460100198506152341\"}", Map.of()).getStatusCode().value())
                .as("a token the hub never saw, checked with the keys it has").isEqualTo(200);
        String tampered = token.substring(0, token.lastIndexOf('.') - 4) + "AAAA" + token.substring(token.lastIndexOf('.'));
        assertProblem(callWith(tampered, ANY_SERVICE, OWN, Map.of()), 401, "UNAUTHENTICATED");
    }
}
