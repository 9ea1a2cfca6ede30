package tongban.keycloak.broker;

import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.oidc.OIDCIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

/** {@code providerId: "tongban-province-oidc"} in the realm: {@link ProvinceIdentityProvider}. */
public class ProvinceIdentityProviderFactory extends OIDCIdentityProviderFactory {

    public static final String ID = "tongban-province-oidc";

    @Override
    public String getName() {
        return "OpenID Connect v1.0 (provincial identity platform, checked before redirecting)";
    }

    @Override
    public ProvinceIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new ProvinceIdentityProvider(session, new OIDCIdentityProviderConfig(model));
    }

    @Override
    public String getId() {
        return ID;
    }
}
