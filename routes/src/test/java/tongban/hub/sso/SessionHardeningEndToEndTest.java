package tongban.hub.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tongban.hub.support.TestKeycloak;
import tongban.hub.support.Tokens;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm's hardening, tried on the real Keycloak rather than read from the realm file: refresh tokens rotate
 * (a used one is dead), repeated wrong passwords lock the account for a while, access tokens are short and say at
 * which level the person signed in.
 */
class SessionHardeningEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> token(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(TestKeycloak.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> refresh(String refreshToken) throws Exception {
        return token("grant_type=refresh_token&client_id=tongban-cli&refresh_token="
                + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> password(String user, String password) throws Exception {
        return token("grant_type=password&client_id=tongban-cli&username=" + user + "&password=" + password);
    }

    @Test
    void aRefreshTokenWorksOnceAndTheSignInLevelSurvivesTheRefresh() throws Exception {
        JsonNode signedIn = Tokens.signIn("lisi", 2);
        String first = signedIn.get("refresh_token").asText();

        HttpResponse<String> refreshed = refresh(first);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode rotated = JSON.readTree(refreshed.body());
        assertThat(rotated.get("refresh_token").asText()).as("a new refresh token each time").isNotEqualTo(first);
        assertThat(SignedJWT.parse(rotated.get("access_token").asText()).getJWTClaimsSet().getStringClaim("acr"))
                .isEqualTo("2");

        HttpResponse<String> reused = refresh(first);
        assertThat(reused.statusCode()).as("the used refresh token is revoked").isEqualTo(400);
        assertThat(JSON.readTree(reused.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void accessTokensAreShortLived() throws Exception {
        var claims = SignedJWT.parse(Tokens.signIn("lisi", 2).get("access_token").asText()).getJWTClaimsSet();
        long lifetime = (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
        assertThat(lifetime).isBetween(1L, 300L);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenAgainstTheRightOne() throws Exception {
        assertThat(password("lockout-target", "demo").statusCode()).as("the right password works first").isEqualTo(200);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(password("lockout-target", "wrong-" + attempt).statusCode()).isIn(400, 401);
        }

        HttpResponse<String> locked = password("lockout-target", "demo");
        assertThat(locked.statusCode()).as("locked out: " + locked.body()).isIn(400, 401);
        assertThat(locked.body()).as("the answer does not tell an attacker the account exists and is locked")
                .doesNotContain("access_token").doesNotContainIgnoringCase("locked").doesNotContainIgnoringCase("disabled");
        assertThat(password("lisi", "demo").statusCode()).as("other accounts are not affected").isEqualTo(200);
    }
}
