package tongban.keycloak.registration;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormContext;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Registration in the city's realm (the step after Keycloak's own user creation and password steps in the
 * {@code tongban-registration} flow):
 * <ul>
 *   <li>name, id number and mobile number are required (the user profile checks their shape, the id number's check
 *       digit and that it is nobody else's — {@link IdNumberValidator});</li>
 *   <li>at most {@value #PER_ADDRESS} registrations an hour from one address, counted in Keycloak's cluster-wide
 *       single-use store (the realm's brute-force protection guards the sign-in itself);</li>
 *   <li>the account starts at real-name level 2, self-declared, as a citizen. Level 3 comes only from checking the
 *       name and id number with public security, which the hub does through the exchange.</li>
 * </ul>
 */
public class RealNameRegistration implements FormAction {

    public static final String ID = "tongban-real-name-registration";
    static final int PER_ADDRESS = 10;
    private static final int HOUR = 3600;
    private static final List<String> REQUIRED = List.of("lastName", "firstName", "id_number", "phone");

    @Override
    public void buildPage(FormContext context, LoginFormsProvider form) {
    }

    @Override
    public void validate(ValidationContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        List<FormMessage> missing = new ArrayList<>();
        for (String field : REQUIRED) {
            String value = form.getFirst(field);
            if (value == null || value.isBlank()) {
                missing.add(new FormMessage(field, "registrationFieldRequiredMessage"));
            }
        }
        if (!missing.isEmpty()) {
            context.error(Errors.INVALID_REGISTRATION);
            context.validationError(form, missing);
            return;
        }
        if (!takeASlot(context.getSession(), context.getConnection().getRemoteAddr())) {
            context.error(Errors.INVALID_REGISTRATION);
            context.validationError(form, List.of(new FormMessage(null, "registrationTooOftenMessage")));
            return;
        }
        context.success();
    }

    /** One of {@value #PER_ADDRESS} slots an hour for the address; none left, no registration. */
    private static boolean takeASlot(KeycloakSession session, String address) {
        for (int slot = 0; slot < PER_ADDRESS; slot++) {
            if (session.singleUseObjects().putIfAbsent("tongban-registration:" + address + ":" + slot, HOUR)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void success(FormContext context) {
        UserModel user = context.getUser();
        user.setSingleAttribute("real_name_level", "2");
        user.setSingleAttribute("real_name_source", "self-declared");
        RoleModel citizen = context.getRealm().getRole("citizen");
        if (citizen != null) {
            user.grantRole(citizen);
        }
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
