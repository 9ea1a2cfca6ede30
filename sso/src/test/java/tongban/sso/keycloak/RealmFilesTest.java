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
    void signInLevelsAreKeycloakStepsOfTheBrowserFlow() throws Exception {
        JsonNode production = realm(false, null);

        assertThat(production.path("browserFlow").asText()).isEqualTo("tongban-browser");
        assertThat(production.at("/attributes/acr.loa.map").asText()).isEqualTo("{\"2\": 2, \"3\": 3}");
        assertThat(production.path("otpPolicyCodeReusable").asBoolean(true)).as("a code works once").isFalse();
        List<String> levelThree = new ArrayList<>();
        for (JsonNode flow : production.path("authenticationFlows")) {
            if (flow.path("alias").asText().equals("tongban-level-3")) {
                flow.path("authenticationExecutions").forEach(e -> levelThree.add(e.path("authenticator").asText()));
            }
        }
        assertThat(levelThree).containsExactly("conditional-level-of-authentication", "auth-otp-form");
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

    @Test
    void everyLoginClientUsesPkceExactRedirectsBackChannelLogoutAndTheHubAudience() throws Exception {
        JsonNode production = realm(false, null);
        List<String> loginClients = new ArrayList<>();
        for (JsonNode client : production.path("clients")) {
            if (!client.path("standardFlowEnabled").asBoolean()) {
                continue;
            }
            String id = client.path("clientId").asText();
            loginClients.add(id);
            assertThat(client.at("/attributes/pkce.code.challenge.method").asText()).as(id).isEqualTo("S256");
            assertThat(client.path("redirectUris")).as(id).hasSize(1);
            // Spring's registration id is "keycloak" everywhere but on the hub's ops console ("ops")
            String registration = id.equals("tongban-ops") ? "ops" : "keycloak";
            assertThat(client.path("redirectUris").get(0).asText()).as(id).doesNotContain("*")
                    .endsWith("/login/oauth2/code/" + registration);
            assertThat(client.at("/attributes/backchannel.logout.url").asText()).as(id)
                    .endsWith("/logout/connect/back-channel/" + registration);
            assertThat(client.path("protocolMappers").findValuesAsText("included.client.audience")).as(id)
                    .contains("tongban-hub");
        }
        assertThat(loginClients).contains("tongban-portal", "tongban-ops", "portal-tax", "portal-social-insurance",
                "portal-public-security");
    }

    @Test
    void movedPortsMoveOnlyWholeOrigins() throws Exception {
        JsonNode moved = json.readTree(RealmFiles.merged(REALM_DIR, "tongban", List.of(RealmFiles.DEMO),
                java.util.Map.of("http://localhost:8191", "http://localhost:9191")));
        assertThat(client(moved, "portal-tax").path("redirectUris").get(0).asText())
                .isEqualTo("http://localhost:9191/login/oauth2/code/keycloak");
        assertThat(client(moved, "portal-social-insurance").path("redirectUris").get(0).asText())
                .isEqualTo("http://localhost:8192/login/oauth2/code/keycloak");
    }

    @Test
    void theDemoHasAnEnterpriseHandlerActingForAnEnterprise() throws Exception {
        JsonNode demo = realm(true, null);
        JsonNode handler = null;
        for (JsonNode user : demo.path("users")) {
            if ("chenjing".equals(user.path("username").asText())) {
                handler = user;
            }
        }
        assertThat(handler).isNotNull();
        assertThat(handler.path("realmRoles").toString()).contains("enterprise-handler");
        assertThat(handler.at("/attributes/acting_for_uscc/0").asText()).isEqualTo("91460100MA5T12345C");
        assertThat(demo.toString()).contains("acting_for.uscc");
    }
}
