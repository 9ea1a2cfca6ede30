package tongban.sso.token;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens whose signature has already been verified, until they expire. A portal sends the same
 * access token with every call for its five-minute life; checking its RSA signature once is enough, as
 * the signed bytes cannot change. The claim validators (expiry, not-before, issuer, audience) still run on
 * every use, and a token that fails to decode is never cached.
 */
public final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.validator = validator;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = verified.get(token);
        if (cached != null) {
            OAuth2TokenValidatorResult result = validator.validate(cached);
            if (!result.hasErrors()) {
                return cached;
            }
            verified.remove(token);
            throw new JwtValidationException("token is no longer valid", result.getErrors());
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null) {
            if (verified.size() >= maxEntries) {
                evictExpired();
            }
            if (verified.size() < maxEntries) {
                verified.put(token, jwt);
            }
        }
        return jwt;
    }

    private void evictExpired() {
        Instant now = clock.instant();
        for (Iterator<Jwt> it = verified.values().iterator(); it.hasNext(); ) {
            Instant expires = it.next().getExpiresAt();
            if (expires == null || expires.isBefore(now)) {
                it.remove();
            }
        }
    }

    int size() {
        return verified.size();
    }
}
