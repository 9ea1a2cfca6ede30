package tongban.sso.token;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim checks the hub puts on every token (the signature is checked by Nimbus against the realm's keys). */
class HubTokenDecoderTest {

    private static final String ISSUER = "http://localhost:8180/realms/tongban";
    private final OAuth2TokenValidator<Jwt> validator = HubTokenDecoder.validator(ISSUER, "tongban-hub");

    private static Jwt.Builder token() {
        Instant now = Instant.now();
        return Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).audience(List.of("tongban-hub"))
                .subject("s").issuedAt(now).notBefore(now).expiresAt(now.plusSeconds(300));
    }

    @Test
    void acceptsATokenForTheHubFromTheRealm() {
        assertThat(validator.validate(token().build()).hasErrors()).isFalse();
    }

    @Test
    void refusesAnotherAudienceOrNone() {
        assertThat(validator.validate(token().audience(List.of("account")).build()).hasErrors()).isTrue();
        assertThat(validator.validate(token().claims(c -> c.remove("aud")).build()).hasErrors()).isTrue();
    }

    @Test
    void refusesAnotherIssuerEvenOnTheSameServer() {
        assertThat(validator.validate(token().issuer("http://localhost:8180/realms/master").build()).hasErrors()).isTrue();
        assertThat(validator.validate(token().issuer("http://127.0.0.1:8180/realms/tongban").build()).hasErrors()).isTrue();
    }

    @Test
    void refusesExpiredAndNotYetValidTokens() {
        Instant past = Instant.now().minusSeconds(3600);
        assertThat(validator.validate(token().issuedAt(past).notBefore(past).expiresAt(past.plusSeconds(300)).build())
                .hasErrors()).isTrue();
        Instant future = Instant.now().plusSeconds(3600);
        assertThat(validator.validate(token().notBefore(future).expiresAt(future.plusSeconds(300)).build())
                .hasErrors()).isTrue();
    }
}
