package tongban.sso.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;


import java.net.MalformedURLException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Validates Keycloak access tokens for the hub: RS256 signature against the realm's published keys,
 * issuer, audience, expiry and not-before (30 s clock skew). Keys are fetched lazily, so the hub starts
 * even while Keycloak is still starting. Only RS256 is accepted: {@code alg: none} and HS256 tricks fail.
 * A verified signature is remembered for the token's life ({@link VerifiedTokenCache}), up to a number of tokens;
 * with none remembered, every call's signature is verified.
 *
 * <p>Keycloak going down does not take the hub with it: the realm's keys are kept for five minutes and then
 * refreshed, and while Keycloak cannot be reached the last keys it published go on being used (for a day), so
 * tokens keep being checked exactly as before — signature, expiry, issuer, audience. A token signed with a key the
 * hub has not seen makes it ask again (a key rotation), at most every 10 seconds. A hub that never had the keys
 * cannot check anything: that is a failure of the service ({@code JwtException}), which the hub answers with 503.
 */
public final class HubTokenDecoder {

    private HubTokenDecoder() {
    }

    public static JwtDecoder create(String issuer, String jwkSetUri, String audience, int verifiedTokens) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(new URL(jwkSetUri),
                            new DefaultResourceRetriever(2_000, 2_000, 256 * 1024))
                    .cache(Duration.ofMinutes(5).toMillis(), Duration.ofSeconds(5).toMillis())
                    .rateLimited(Duration.ofSeconds(10).toMillis())
                    .outageTolerant(Duration.ofDays(1).toMillis())
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + jwkSetUri, e);
        }
        JWKSource<SecurityContext> knownKeys = (selector, context) -> {
            try {
                return keys.get(selector, context);
            } catch (RateLimitReachedException e) {
                return List.of(); // a key asked for again too soon: not one of the realm's (401), not an outage
            }
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, knownKeys));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // the validators below check the claims
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        OAuth2TokenValidator<Jwt> validator = validator(issuer, audience);
        decoder.setJwtValidator(validator);
        return verifiedTokens == 0 ? decoder : new VerifiedTokenCache(decoder, validator, verifiedTokens, Clock.systemUTC());
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(Duration.ofSeconds(30)),
                new JwtIssuerValidator(issuer),
                audienceValidator(audience));
    }

    static OAuth2TokenValidator<Jwt> audienceValidator(String audience) {
        OAuth2Error wrongAudience = new OAuth2Error("invalid_token", "token is not meant for this service", null);
        return jwt -> {
            List<String> aud = jwt.getClaimAsStringList(JwtClaimNames.AUD);
            return aud != null && aud.contains(audience)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(wrongAudience);
        };
    }
}
