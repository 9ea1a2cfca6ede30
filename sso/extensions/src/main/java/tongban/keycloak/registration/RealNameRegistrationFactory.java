package tongban.keycloak.registration;

import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormActionFactory;
import org.keycloak.models.KeycloakSession;
import tongban.keycloak.support.StepFactory;

/** The registration form's step {@link RealNameRegistration}. */
public class RealNameRegistrationFactory extends StepFactory implements FormActionFactory {

    public static final String ID = RealNameRegistration.ID;
    private static final RealNameRegistration STEP = new RealNameRegistration();

    public RealNameRegistrationFactory() {
        super(ID, "Tongban: real-name registration",
                "Name, id number and mobile required; a limit per address; the account starts at real-name level 2.");
    }

    @Override
    public FormAction create(KeycloakSession session) {
        return STEP;
    }
}
