package tongban.sso.token;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Validates Keycloak access tokens for the hub: RS256 signature against the realm's published keys,
 * issuer, audience, expiry and not-before (30 s clock skew). Keys are fetched lazily, so the hub starts
 * even while Keycloak is still starting. Only RS256 is accepted: {@code alg: none} and HS256 tricks fail.
 * A verified signature is remembered for the token's life ({@link VerifiedTokenCache}).
 */
public final class HubTokenDecoder {

    private HubTokenDecoder() {
    }

    public static JwtDecoder create(String issuer, String jwkSetUri, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = validator(issuer, audience);
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, 50_000, Clock.systemUTC());
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
