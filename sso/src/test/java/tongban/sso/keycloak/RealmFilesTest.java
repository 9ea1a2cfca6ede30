package tongban.sso.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The realm as code: what production imports, and what only the demo adds. */
class RealmFilesTest {

    private static final Path REALM_DIR = Path.of("realm");
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode realm(boolean demo, String hubUrl) throws Exception {
        return json.readTree(RealmFiles.merged(REALM_DIR, demo, hubUrl));
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText())) {
                return client;
            }
        }
        return null;
    }

    @Test
    void productionRealmHasNoDemoUsersSecretsOrPasswordGrantClient() throws Exception {
        JsonNode production = realm(false, null);

        assertThat(production.path("users").isMissingNode() || production.path("users").isEmpty()).isTrue();
        assertThat(client(production, "tongban-cli")).isNull();
        assertThat(production.toString()).doesNotContain("demo-portal-secret");
        for (JsonNode client : production.path("clients")) {
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(client.path("clientId").asText()).isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        }
    }

    @Test
    void portalUsesPkceS256AndExactRedirectUris() throws Exception {
        JsonNode portal = client(realm(false, null), "tongban-portal");

        assertThat(portal.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");
        List<String> redirects = new ArrayList<>();
        portal.path("redirectUris").forEach(uri -> redirects.add(uri.asText()));
        assertThat(redirects).isNotEmpty().allSatisfy(uri -> assertThat(uri).doesNotContain("*"));
    }

    @Test
    void realmIsHardened() throws Exception {
        JsonNode production = realm(false, null);

        assertThat(production.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(production.path("revokeRefreshToken").asBoolean()).isTrue();
        assertThat(production.path("accessTokenLifespan").asInt()).isLessThanOrEqualTo(300);
    }

    @Test
    void demoOverlayAddsTheDemoCitizensAndTheCliClient() throws Exception {
        JsonNode demo = realm(true, null);

        assertThat(demo.path("users").findValuesAsText("username")).contains("zhangsan", "lisi", "wangwu", "zhaoliu");
        assertThat(client(demo, "tongban-cli").path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(client(demo, "tongban-portal").path("secret").asText()).startsWith("demo-");
        assertThat(client(demo, "tongban-portal").at("/attributes/pkce.code.challenge.method").asText())
                .as("overlay merges into the client, it does not replace it").isEqualTo("S256");
        assertThat(demo.has("_comment")).isFalse();
    }

    @Test
    void redirectUrisFollowAnOverriddenHubPort() throws Exception {
        JsonNode moved = realm(true, "http://localhost:9090");

        assertThat(client(moved, "tongban-portal").path("redirectUris").get(0).asText())
                .isEqualTo("http://localhost:9090/login/oauth2/code/keycloak");
    }
}
