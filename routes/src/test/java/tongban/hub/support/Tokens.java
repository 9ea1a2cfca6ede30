package tongban.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import tongban.sso.login.DemoOneTimeCodes;
import tongban.sso.login.HttpLogin;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the test Keycloak, through the demo-only CLI client (password grant or code flow). */
public final class Tokens {

    /** Access tokens live five minutes; a test run may be longer, so a cached one is used for four at most. */
    private static final Duration REUSE_FOR = Duration.ofMinutes(4);
    private static final Map<String, Fetched> CACHE = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    private record Fetched(String token, Instant at) {
    }

    /** An access token for a demo user (password {@code demo}), reused while it is fresh. */
    public static String of(String username) {
        return CACHE.compute(username, (user, cached) -> cached != null
                && cached.at().plus(REUSE_FOR).isAfter(Instant.now()) ? cached : new Fetched(fetch(user), Instant.now()))
                .token();
    }

    /** An access token of a confidential client's service account (client-credentials grant). */
    /** Headers with {@code username}'s bearer token. */
    public static org.springframework.http.HttpHeaders bearer(String username) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(of(username));
        return headers;
    }

    public static String ofClient(String clientId, String secret) {
        return CACHE.compute("client:" + clientId, (key, cached) -> cached != null
                && cached.at().plus(REUSE_FOR).isAfter(Instant.now()) ? cached
                : new Fetched(token("grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8), clientId), Instant.now())).token();
    }

    /**
     * An access token from a real browser-style sign-in at real-name level {@code level} ({@code acr_values}): the
     * demo CLI client's code flow with PKCE to its loopback redirect, the password form and, for level 3, the
     * one-time-code form. Password-grant tokens ({@link #of}) carry no level.
     */
    public static String signedIn(String username, int level) {
        return CACHE.compute(username + "@" + level, (key, cached) -> cached != null
                && cached.at().plus(REUSE_FOR).isAfter(Instant.now()) ? cached
                : new Fetched(signIn(username, level).get("access_token").asText(), Instant.now())).token();
    }

    /** Keycloak's whole token response (access, refresh and id token) for a fresh sign-in at {@code level}. */
    public static JsonNode signIn(String username, int level) {
        try {
            return JSON.readTree(new HttpLogin().authorizationCode(TestKeycloak.issuer(), "tongban-cli", null,
                    "http://127.0.0.1:1/tongban-cli/callback", "&acr_values=" + level,
                    new HttpLogin.Credentials(username, "demo", () -> DemoOneTimeCodes.fresh(username))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fetch(String username) {
        return token("grant_type=password&client_id=tongban-cli&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=demo", username);
    }

    private static String token(String form, String username) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestKeycloak.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token for " + username + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
