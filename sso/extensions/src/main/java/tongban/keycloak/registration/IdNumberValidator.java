package tongban.keycloak.registration;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;
import tongban.adapters.support.ResidentIdNumber;

import java.util.List;
import java.util.Objects;

/**
 * The user profile's rule for {@code id_number} (公民身份号码): the GB 11643 check digit; one id number, one account;
 * written by the person only when registering (or by an administrator) — never changed from the account console,
 * since the level verified for it would otherwise follow a number it was never checked against. A number that
 * belongs to another account gets the same words as any number that cannot be registered, so the form tells nobody
 * whose numbers are taken.
 */
public class IdNumberValidator implements SimpleValidator {

    public static final String ID = "tongban-id-number";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        String value = first(input);
        if (value == null || value.isBlank()) {
            return context;
        }
        AttributeContext attribute = UserProfileAttributeValidationContext.from(context).getAttributeContext();
        UserModel user = attribute.getUser();
        boolean unchanged = user != null && Objects.equals(user.getFirstAttribute(inputHint), value);
        if (unchanged) {
            return context;
        }
        if (!ResidentIdNumber.isValid(value)) {
            context.addError(new ValidationError(ID, inputHint, "idNumberInvalidMessage"));
            return context;
        }
        UserProfileContext where = attribute.getContext();
        if (where != UserProfileContext.REGISTRATION && !where.isAdminContext()) {
            context.addError(new ValidationError(ID, inputHint, "idNumberUnchangeableMessage"));
            return context;
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = session.getContext().getRealm();
        boolean taken = session.users().searchForUserByUserAttributeStream(realm, inputHint, value)
                .anyMatch(holder -> user == null || !holder.getId().equals(user.getId()));
        if (taken) {
            context.addError(new ValidationError(ID, inputHint, "idNumberNotRegistrableMessage")
                    .setStatusCode(Response.Status.CONFLICT));
        }
        return context;
    }

    private static String first(Object input) {
        if (input instanceof List<?> values) {
            return values.isEmpty() || values.get(0) == null ? null : values.get(0).toString();
        }
        return input == null ? null : input.toString();
    }
}
