package tongban.hub.web;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tongban.hub.support.HubTest;
import tongban.hub.support.TestKeycloak;
import tongban.hub.support.TestSigningKey;
import tongban.hub.support.Tokens;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens the real hub must refuse, made from real Keycloak tokens and keys: each answered 401 with the same
 * problem and nothing that says why (an attacker learns nothing about which check failed).
 */
class TokenSecurityEndToEndTest extends HubTest {

    private static String realToken;
    private static String testKid;
    private static RSAKey keycloakKey;

    @BeforeAll
    static void keys() throws Exception {
        realToken = Tokens.of("zhangsan");
        JWKSet jwks = JWKSet.load(URI.create(TestKeycloak.issuer() + "/protocol/openid-connect/certs").toURL());
        TestSigningKey ours = TestKeycloak.signingKey();
        String realKid = SignedJWT.parse(realToken).getHeader().getKeyID();
        for (var jwk : jwks.getKeys()) {
            if (jwk instanceof RSAKey rsa && rsa.toRSAPublicKey().getModulus().equals(ours.publicKey().getModulus())) {
                testKid = rsa.getKeyID();
            }
            if (realKid.equals(jwk.getKeyID())) {
                keycloakKey = (RSAKey) jwk;
            }
        }
        assertThat(testKid).as("the test signing key is published by Keycloak").isNotNull();
        assertThat(keycloakKey).isNotNull();
    }

    private ResponseEntity<String> services(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange("/api/v1/services", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** The real token's claims, changed, signed with the test realm's second key (a valid signature). */
    private static String resigned(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder(SignedJWT.parse(realToken).getJWTClaimsSet())).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(testKid).type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(new RSASSASigner(TestKeycloak.signingKey().privateKey()));
        return jwt.serialize();
    }

    private void assertRefusedWithoutDetail(String token) throws Exception {
        ResponseEntity<String> response = services(token);
        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.getBody().toLowerCase()).doesNotContain("expired", "jwt", "signature", "audience", "issuer",
                "kid", "alg", "not before", "nbf");
    }

    @Test
    void aCorrectlySignedTokenWithGoodClaimsIsTakenSoTheRefusalsBelowAreAboutTheClaims() throws Exception {
        assertThat(services(resigned(b -> b)).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void expired() throws Exception {
        assertRefusedWithoutDetail(resigned(b -> b.expirationTime(new Date(System.currentTimeMillis() - 5 * 60_000))));
    }

    @Test
    void notYetValid() throws Exception {
        assertRefusedWithoutDetail(resigned(b -> b.notBeforeTime(new Date(System.currentTimeMillis() + 5 * 60_000))));
    }

    @Test
    void wrongIssuer() throws Exception {
        assertRefusedWithoutDetail(resigned(b -> b.issuer("http://localhost:1/realms/tongban")));
    }

    @Test
    void wrongAudience() throws Exception {
        assertRefusedWithoutDetail(resigned(b -> b.audience(List.of("some-other-service"))));
    }

    @Test
    void tamperedPayload() throws Exception {
        String[] parts = realToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("460100199001011230", "460100198506152341");
        assertThat(payload).contains("460100198506152341");
        assertRefusedWithoutDetail(parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void algNone() throws Exception {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertRefusedWithoutDetail(header + "." + realToken.split("\\.")[1] + ".");
    }

    @Test
    void hs256SignedWithKeycloaksPublicKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keycloakKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), SignedJWT.parse(realToken).getJWTClaimsSet());
        jwt.sign(new MACSigner(keycloakKey.toRSAPublicKey().getEncoded()));
        assertRefusedWithoutDetail(jwt.serialize());
    }

    @Test
    void unknownKid() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-a-key-of-this-realm")
                .type(JOSEObjectType.JWT).build(), SignedJWT.parse(realToken).getJWTClaimsSet());
        jwt.sign(new RSASSASigner((RSAPrivateKey) generator.generateKeyPair().getPrivate()));
        assertRefusedWithoutDetail(jwt.serialize());
    }

    @Test
    void aTokenFromAnotherRealmOfTheSameKeycloak() throws Exception {
        // the local server's bootstrap admin (DEMO ONLY credentials) in the master realm
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestKeycloak.url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String masterToken = json.readTree(response.body()).path("access_token").asText();

        assertRefusedWithoutDetail(masterToken);
    }
}
