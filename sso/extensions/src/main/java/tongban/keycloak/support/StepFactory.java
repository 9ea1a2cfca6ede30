package tongban.keycloak.support;

import org.keycloak.Config;
import org.keycloak.authentication.ConfigurableAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * What every Tongban step says of itself to Keycloak — its id, its name and help in the admin console — and what none
 * of them has: configuration, optional requirements, set-up by the user, a life cycle. An authenticator's factory
 * ({@link RequiredStepFactory}) and a registration form action's add only how they are created ({@code getId}, {@code init},
 * {@code postInit} and {@code close} are the provider factory's, which both of those are).
 */
public abstract class StepFactory implements ConfigurableAuthenticatorFactory {

    private final String id;
    private final String displayType;
    private final String helpText;

    protected StepFactory(String id, String displayType, String helpText) {
        this.id = id;
        this.displayType = displayType;
        this.helpText = helpText;
    }

    public String getId() {
        return id;
    }

    @Override
    public String getDisplayType() {
        return displayType;
    }

    @Override
    public String getHelpText() {
        return helpText;
    }

    @Override
    public String getReferenceCategory() {
        return id;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{AuthenticationExecutionModel.Requirement.REQUIRED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    public void init(Config.Scope config) {
    }

    public void postInit(KeycloakSessionFactory factory) {
    }

    public void close() {
    }
}
