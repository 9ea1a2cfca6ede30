package tongban.hub.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the hub's tokens come from ({@code tongban.sso.*}).
 *
 * @param issuer    the realm's issuer, exactly as it appears in tokens (default {@code http://localhost:8180/realms/tongban})
 * @param jwkSetUri the realm's signing keys (default: the issuer's {@code /protocol/openid-connect/certs})
 * @param audience  the audience a token must name to be accepted here (default {@code tongban-hub})
 */
@ConfigurationProperties("tongban.sso")
public record SsoProperties(@DefaultValue("http://localhost:8180/realms/tongban") String issuer,
                            String jwkSetUri,
                            @DefaultValue("tongban-hub") String audience) {

    public SsoProperties {
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            jwkSetUri = issuer + "/protocol/openid-connect/certs";
        }
    }
}
