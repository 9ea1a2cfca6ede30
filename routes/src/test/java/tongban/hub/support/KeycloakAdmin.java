package tongban.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** What a test does as the test Keycloak's administrator (DEMO ONLY admin / admin), through Keycloak's admin API. */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String realmUrl;

    public KeycloakAdmin(String realm) {
        this.realmUrl = TestKeycloak.url() + "/admin/realms/" + realm;
    }

    /** The realm's user of that username (exact), or null. */
    public JsonNode user(String username) throws IOException, InterruptedException {
        JsonNode users = get("/users?exact=true&briefRepresentation=false&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8));
        return users.isEmpty() ? null : users.get(0);
    }

    /** Users whose attribute has exactly that value. */
    public JsonNode usersWithAttribute(String attribute, String value) throws IOException, InterruptedException {
        return get("/users?briefRepresentation=false&q=" + URLEncoder.encode(attribute + ":" + value, StandardCharsets.UTF_8));
    }

    /** Ends every Keycloak session of the user, as an administrator (or another portal's logout) would. */
    public void logout(String username) throws IOException, InterruptedException {
        send("POST", "/users/" + user(username).path("id").asText() + "/logout", null, 204);
    }

    public ObjectNode identityProvider(String alias) throws IOException, InterruptedException {
        return (ObjectNode) get("/identity-provider/instances/" + alias);
    }

    public void updateIdentityProvider(ObjectNode provider) throws IOException, InterruptedException {
        send("PUT", "/identity-provider/instances/" + provider.path("alias").asText(), provider, 204);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + " → " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private void send(String method, String path, JsonNode body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + answer.statusCode() + " " + answer.body());
        }
    }

    private HttpRequest.Builder request(String path) throws IOException, InterruptedException {
        return HttpRequest.newBuilder(URI.create(realmUrl + path)).header("Authorization", "Bearer " + adminToken());
    }

    private String adminToken() throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(TestKeycloak.url()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + tongban.sso.keycloak.KeycloakLauncher.DEMO_ADMIN + "&password="
                        + tongban.sso.keycloak.KeycloakLauncher.DEMO_ADMIN))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(token.body()).path("access_token").asText();
    }
}
