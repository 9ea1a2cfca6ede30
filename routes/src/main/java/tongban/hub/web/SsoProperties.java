package tongban.hub.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the hub's tokens come from ({@code tongban.sso.*}).
 *
 * @param issuer    the realm's issuer, exactly as it appears in tokens (default {@code http://localhost:8180/realms/tongban})
 * @param jwkSetUri the realm's signing keys (default: the issuer's {@code /protocol/openid-connect/certs})
 * @param audience  the audience a token must name to be accepted here (default {@code tongban-hub})
 * @param verifiedTokens how many tokens with a verified signature are remembered until they expire (default 50,000;
 *                  0: every call's signature is verified — what {@code ./tongban bench} measures as the token-once
 *                  regime)
 */
@ConfigurationProperties("tongban.sso")
public record SsoProperties(@DefaultValue("http://localhost:8180/realms/tongban") String issuer,
                            String jwkSetUri,
                            @DefaultValue("tongban-hub") String audience,
                            @DefaultValue("50000") int verifiedTokens) {

    public SsoProperties {
        if (verifiedTokens < 0) {
            throw new IllegalArgumentException("tongban.sso.verified-tokens cannot be negative: " + verifiedTokens);
        }
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            jwkSetUri = issuer + "/protocol/openid-connect/certs";
        }
    }
}
