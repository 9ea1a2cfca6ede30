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

    private static final Path REALM_DIR = Path.of("../realm"); // sso/realm, from sso/launcher
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

        for (JsonNode user : production.path("users")) {
            assertThat(user.has("serviceAccountClientId")).as("only service accounts: " + user.path("username")).isTrue();
            assertThat(user.has("credentials")).isFalse();
        }
        assertThat(client(production, "tongban-cli")).isNull();
        assertThat(production.toString()).doesNotContain("demo-portal-secret");
        for (JsonNode client : production.path("clients")) {
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(client.path("clientId").asText()).isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        }
    }

    @Test
    void theProvinceIsBrokeredWithPkceItsKeysAndIssuerCheckedAndItsSecretOutsideTheFile() throws Exception {
        JsonNode province = realm(false, null).path("identityProviders").get(0);

        assertThat(province.path("alias").asText()).isEqualTo("province");
        assertThat(province.path("trustEmail").asBoolean()).as("an e-mail from the province proves nothing").isFalse();
        assertThat(province.path("firstBrokerLoginFlowAlias").asText()).isEqualTo("tongban-province-first-login");
        assertThat(province.path("postBrokerLoginFlowAlias").asText()).isEqualTo("tongban-province-every-login");
        JsonNode config = province.path("config");
        assertThat(config.path("pkceEnabled").asText()).isEqualTo("true");
        assertThat(config.path("pkceMethod").asText()).isEqualTo("S256");
        assertThat(config.path("validateSignature").asText()).isEqualTo("true");
        assertThat(config.path("useJwksUrl").asText()).isEqualTo("true");
        assertThat(config.path("issuer").asText()).startsWith("${TONGBAN_PROVINCE_ISSUER:");
        assertThat(config.path("clientSecret").asText()).isEqualTo("${TONGBAN_PROVINCE_CLIENT_SECRET}");

        JsonNode demo = realm(true, null).path("identityProviders");
        assertThat(demo).as("the demo overlay merges into the provider, it adds none").hasSize(1);
        assertThat(demo.get(0).at("/config/clientSecret").asText()).startsWith("demo-only-");
        assertThat(demo.get(0).at("/config/pkceEnabled").asText()).isEqualTo("true");
    }

    @Test
    void registrationChecksTheIdNumberAndStartsAtLevelTwoUnderAPasswordPolicy() throws Exception {
        JsonNode production = realm(false, null);

        assertThat(production.path("registrationAllowed").asBoolean()).isTrue();
        assertThat(production.path("registrationFlow").asText()).isEqualTo("tongban-registration");
        assertThat(production.path("passwordPolicy").asText()).contains("length(8)", "notUsername");
        String profile = production.at("/components/org.keycloak.userprofile.UserProfileProvider/0/config")
                .path("kc.user.profile.config").get(0).asText();
        assertThat(profile).contains("tongban-id-number", "tongban-verified-name");
        assertThat(production.toString()).contains("tongban-real-name-registration");
    }

    @Test
    void demoPasswordsAreImportedHashedSoThePolicyNeedNotBeLoosened() throws Exception {
        JsonNode demo = realm(true, null);

        JsonNode zhangsan = null;
        for (JsonNode user : demo.path("users")) {
            if ("zhangsan".equals(user.path("username").asText())) {
                zhangsan = user;
            }
        }
        JsonNode password = zhangsan.path("credentials").get(0);
        assertThat(password.has("value")).isFalse();
        assertThat(password.path("credentialData").asText()).contains("pbkdf2-sha512", "210000");
        assertThat(demo.toString()).doesNotContain("\"value\":\"demo\"");
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
