package tongban.sso.token;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    private final AtomicInteger signatureChecks = new AtomicInteger();

    private JwtDecoder verifying(Instant expiresAt) {
        return token -> {
            signatureChecks.incrementAndGet();
            if (token.startsWith("bad")) {
                throw new JwtException("bad signature");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("s")
                    .issuedAt(expiresAt.minusSeconds(300)).expiresAt(expiresAt).build();
        };
    }

    @Test
    void verifiesEachTokenOnceButValidatesItsClaimsOnEveryUse() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifying(Instant.now().plusSeconds(300)),
                new JwtTimestampValidator(Duration.ZERO), 10, Clock.systemUTC());

        cache.decode("token-a");
        cache.decode("token-a");
        cache.decode("token-b");

        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void anExpiredCachedTokenIsRefusedAndForgotten() {
        Instant soon = Instant.now().plusMillis(50);
        VerifiedTokenCache cache = new VerifiedTokenCache(verifying(soon), new JwtTimestampValidator(Duration.ZERO),
                10, Clock.systemUTC());
        cache.decode("token-a");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThatThrownBy(() -> cache.decode("token-a")).isInstanceOf(JwtException.class));
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenThatFailsVerificationIsNeverCached() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifying(Instant.now().plusSeconds(300)),
                new JwtTimestampValidator(Duration.ZERO), 10, Clock.systemUTC());

        assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(JwtException.class);
        assertThat(signatureChecks).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void staysWithinItsBound() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifying(Instant.now().plusSeconds(300)),
                new JwtTimestampValidator(Duration.ZERO), 2, Clock.systemUTC());
        cache.decode("a");
        cache.decode("b");
        cache.decode("c");

        assertThat(cache.size()).isEqualTo(2L);
    }
}
