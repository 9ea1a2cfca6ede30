package tongban.hub.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ops console ({@code tongban.ops.*}).
 *
 * @param clientId     its own Keycloak client (code flow + PKCE S256); only accounts with the realm role {@code ops}
 *                     get past the sign-in
 * @param clientSecret that client's secret; the default is the DEMO secret of the local realm only
 */
@ConfigurationProperties("tongban.ops")
public record OpsProperties(@DefaultValue("tongban-ops") String clientId,
                            @DefaultValue("demo-only-tongban-ops-secret") String clientSecret) {
}
