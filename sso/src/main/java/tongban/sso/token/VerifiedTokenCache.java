package tongban.sso.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers tokens whose signature has already been verified, until they expire. A portal sends the same
 * access token with every call for its five-minute life; checking its RSA signature once is enough, as
 * the signed bytes cannot change. The claim validators (expiry, not-before, issuer, audience) still run on
 * every use, and a token that fails to decode is never cached. A Caffeine cache, bounded in entries.
 */
public final class VerifiedTokenCache implements JwtDecoder {

    /**
     * An entry outlives its token's {@code exp} by this much, so that it is the validators (with their clock skew)
     * that refuse an expired token — and then it is forgotten — never a silent second verification.
     */
    private static final Duration KEPT_PAST_EXPIRY = Duration.ofMinutes(2);

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    public VerifiedTokenCache(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) ->
                        Duration.between(clock.instant(), jwt.getExpiresAt()).plus(KEPT_PAST_EXPIRY)))
                // upkeep on the calling thread: no pool of the cache's own, and its size is exact when asked
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = verified.getIfPresent(token);
        if (cached != null) {
            OAuth2TokenValidatorResult result = validator.validate(cached);
            if (!result.hasErrors()) {
                return cached;
            }
            verified.invalidate(token);
            throw new JwtValidationException("token is no longer valid", result.getErrors());
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
