package tongban.keycloak.support;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/** A factory for a stateless authenticator that a flow runs as a required step, without configuration. */
public abstract class RequiredStepFactory extends StepFactory implements AuthenticatorFactory {

    private final Authenticator authenticator;

    protected RequiredStepFactory(String id, String displayType, String helpText, Authenticator authenticator) {
        super(id, displayType, helpText);
        this.authenticator = authenticator;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }
}
