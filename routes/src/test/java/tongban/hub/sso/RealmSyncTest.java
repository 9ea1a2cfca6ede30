package tongban.hub.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import tongban.hub.support.ProjectRoot;
import tongban.hub.support.TestKeycloak;
import tongban.sso.keycloak.KeycloakLauncher;
import tongban.sso.keycloak.RealmFiles;
import tongban.sso.keycloak.RealmSync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A realm change in the repository reaches a running Keycloak by one command: a copy of the production realm file is
 * imported as a realm of its own on the test Keycloak, a person signs in to it, the file changes (a client's redirect
 * URI, a new role), and {@code RealmSync} applies exactly those — applied twice it changes nothing; the person, and
 * the session they signed in with, are still there.
 */
class RealmSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = "realm-sync-test";
    private static Keycloak admin;
    private static ObjectNode file;

    @BeforeAll
    static void importTheFileAsItsOwnRealm() throws Exception {
        admin = RealmSync.admin(TestKeycloak.url(), KeycloakLauncher.DEMO_ADMIN, KeycloakLauncher.DEMO_ADMIN);
        ObjectNode production = (ObjectNode) JSON.readTree(RealmFiles.merged(ProjectRoot.path().resolve("sso/realm"),
                "tongban", List.of(), Map.of(RealmFiles.KEYCLOAK_URL, TestKeycloak.url())));
        file = (ObjectNode) resolve(production.toString()).put("realm", REALM);
        // a client to sign in with here: the production file has no password-grant client (the demo's is an overlay)
        ((ArrayNode) file.get("clients")).addObject().put("clientId", "sync-test-cli").put("publicClient", true)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
        admin.realms().create(JSON.convertValue(file, RealmRepresentation.class));
    }

    @AfterAll
    static void removeTheRealm() {
        if (admin != null) {
            admin.realm(REALM).remove();
            admin.close();
        }
    }

    @Test
    void aChangedClientAndANewRoleReachTheRunningRealmOnceAndThePersonAndTheirSessionStay() throws Exception {
        RealmResource realm = admin.realm(REALM);
        String person = signedInPerson(realm);
        String refresh = token("grant_type=password&username=sync-person&password=Sync-test-1").path("refresh_token").asText();
        assertThat(new RealmSync(admin, REALM, file).diff()).as("just imported from the file: nothing differs").isEmpty();

        ObjectNode changed = file.deepCopy();
        for (JsonNode client : changed.get("clients")) {
            if ("tongban-portal".equals(client.path("clientId").asText())) {
                ((ArrayNode) client.get("redirectUris")).add("https://portal.haikou.example.invalid/login/oauth2/code/keycloak");
            }
        }
        ((ArrayNode) changed.get("roles").get("realm")).addObject().put("name", "archive-auditor")
                .put("description", "reads message-log archives");

        List<RealmSync.Change> drift = new RealmSync(admin, REALM, changed).diff();
        assertThat(drift).extracting(c -> c.kind() + " " + c.name())
                .containsExactlyInAnyOrder("client tongban-portal", "role archive-auditor");
        assertThat(realm.roles().list()).noneMatch(r -> r.getName().equals("archive-auditor"));

        assertThat(new RealmSync(admin, REALM, changed).apply()).hasSize(2);

        assertThat(realm.clients().findByClientId("tongban-portal").get(0).getRedirectUris())
                .contains("https://portal.haikou.example.invalid/login/oauth2/code/keycloak");
        assertThat(realm.roles().get("archive-auditor").toRepresentation().getDescription())
                .isEqualTo("reads message-log archives");
        assertThat(new RealmSync(admin, REALM, changed).apply()).as("applied twice: nothing the second time").isEmpty();
        assertThat(realm.users().get(person).getUserSessions()).as("the person's session lives on").hasSize(1);
        assertThat(token("grant_type=refresh_token&refresh_token=" + refresh).has("access_token"))
                .as("and its refresh token still works").isTrue();
    }

    private static String signedInPerson(RealmResource realm) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername("sync-person");
        user.setEnabled(true);
        user.setFirstName("同步");
        user.setLastName("测试");
        user.setEmail("sync-person@example.invalid");
        user.setEmailVerified(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("Sync-test-1");
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (var created = realm.users().create(user)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        return realm.users().searchByUsername("sync-person", true).get(0).getId();
    }

    private static JsonNode token(String form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        TestKeycloak.url() + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&client_id=sync-test-cli&scope=openid")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The realm file's placeholders as the test Keycloak resolved them: defaults, and a test-only province secret. */
    private static ObjectNode resolve(String realm) throws Exception {
        String text = realm.replaceAll("\\$\\{TONGBAN_PROVINCE_CLIENT_SECRET}", "test-only-province-secret")
                .replaceAll("\\$\\{TONGBAN_[A-Z_]+:([^}]*)}", "$1");
        return (ObjectNode) JSON.readTree(text);
    }
}
