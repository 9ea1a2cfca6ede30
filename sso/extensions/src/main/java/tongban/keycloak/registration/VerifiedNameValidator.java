package tongban.keycloak.registration;

import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

import java.util.List;
import java.util.Objects;

/**
 * A name checked against the population register (real-name level 3 or more) is the register's: the person cannot
 * change it from the account console (an administrator can, and the province's sign-ins keep the accounts it made
 * up to date). Below level 3 the name is only declared and may be corrected.
 */
public class VerifiedNameValidator implements SimpleValidator {

    public static final String ID = "tongban-verified-name";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        AttributeContext attribute = UserProfileAttributeValidationContext.from(context).getAttributeContext();
        UserModel user = attribute.getUser();
        UserProfileContext where = attribute.getContext();
        if (user == null || where.isAdminContext() || where == UserProfileContext.REGISTRATION) {
            return context;
        }
        String level = user.getFirstAttribute("real_name_level");
        String stored = "firstName".equals(inputHint) ? user.getFirstName()
                : "lastName".equals(inputHint) ? user.getLastName() : user.getFirstAttribute(inputHint);
        String value = input instanceof List<?> values && !values.isEmpty() && values.get(0) != null
                ? values.get(0).toString() : null;
        if (level != null && level.matches("[3-9]") && !Objects.equals(stored, value)) {
            context.addError(new ValidationError(ID, inputHint, "verifiedNameUnchangeableMessage"));
        }
        return context;
    }
}
