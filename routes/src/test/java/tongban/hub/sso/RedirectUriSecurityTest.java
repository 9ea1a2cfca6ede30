package tongban.hub.sso;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tongban.hub.support.TestKeycloak;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm's redirect rules against the real Keycloak: a login or logout may only return to a URI registered
 * exactly — no prefixes, no path tricks — and the portal must use PKCE.
 */
class RedirectUriSecurityTest {

    private static final String PORTAL = "tongban-portal";
    private static final String HUB = TestKeycloak.portalHubUrl();
    private static final String REGISTERED = HUB + "/login/oauth2/code/keycloak";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> authorize(String redirectUri, boolean pkce) throws Exception {
        return get(TestKeycloak.issuer() + "/protocol/openid-connect/auth?client_id=" + PORTAL
                + "&response_type=code&scope=openid&state=s1&redirect_uri=" + enc(redirectUri)
                + (pkce ? "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256" : ""));
    }

    @Test
    void theRegisteredRedirectWithPkceReachesTheLoginPage() throws Exception {
        HttpResponse<String> login = authorize(REGISTERED, true);

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("kc-form-login");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{hub}/login/oauth2/code/keycloakX",
            "{hub}/login/oauth2/code/keycloak/../../evil",
            "{hub}/login/oauth2/code/keycloak/..;/..;/evil",
            "{hub}/login/oauth2/code/",
            "{hub}.evil.example/login/oauth2/code/keycloak",
            "http://evil.example/login/oauth2/code/keycloak",
            "https://{host}/login/oauth2/code/keycloak"})
    void anUnregisteredRedirectIsRefusedOnKeycloaksOwnPage(String template) throws Exception {
        String redirectUri = template.replace("{hub}", HUB).replace("{host}", HUB.substring("http://".length()));
        HttpResponse<String> refused = authorize(redirectUri, true);

        // Keycloak's own error page (in the realm's language), never a redirect and never the login form
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.body()).doesNotContain("kc-form-login");
    }

    @Test
    void withoutPkceTheLoginIsRefused() throws Exception {
        HttpResponse<String> refused = authorize(REGISTERED, false);

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith(REGISTERED).contains("error=invalid_request"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example/", "{hub}/../evil", "{hub}/x"})
    void logoutMayOnlyReturnToARegisteredUri(String template) throws Exception {
        String redirectUri = template.replace("{hub}", HUB);
        HttpResponse<String> refused = get(TestKeycloak.issuer() + "/protocol/openid-connect/logout?client_id=" + PORTAL
                + "&post_logout_redirect_uri=" + enc(redirectUri));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void logoutReturnsToTheRegisteredUri() throws Exception {
        HttpResponse<String> back = get(TestKeycloak.issuer() + "/protocol/openid-connect/logout?client_id=" + PORTAL
                + "&post_logout_redirect_uri=" + enc(HUB + "/"));

        // no session to end here, so Keycloak goes straight back — to exactly the registered URI
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).hasValue(HUB + "/");
    }
}
