package tongban.keycloak.broker;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The attributes and roles of a Tongban account that the hub reads from its tokens (the realm's user profile declares
 * them; only administrators and these extensions write them).
 */
final class CityAccount {

    static final String ID_NUMBER = "id_number";
    static final String REAL_NAME_LEVEL = "real_name_level";
    /** Who established the level: {@code province} (its assertion, followed at every sign-in), {@code public-security}
     *  (the hub's check), {@code self-declared} (registration). */
    static final String REAL_NAME_SOURCE = "real_name_source";
    static final String PROVINCE = "province";
    static final String PHONE = "phone";
    static final String ACTING_FOR_USCC = "acting_for_uscc";
    static final String ACTING_FOR_NAME = "acting_for_name";
    static final String ACTING_FOR_AUTHORITY = "acting_for_authority";
    static final String CITIZEN = "citizen";
    static final String ENTERPRISE_HANDLER = "enterprise-handler";

    private CityAccount() {
    }

    static int realNameLevel(UserModel user) {
        String level = user.getFirstAttribute(REAL_NAME_LEVEL);
        return level != null && level.matches("[2-4]") ? Integer.parseInt(level) : 0;
    }

    static void grant(RealmModel realm, UserModel user, String roleName) {
        RoleModel role = realm.getRole(roleName);
        if (role != null && !user.hasDirectRole(role)) {
            user.grantRole(role);
        }
    }

    static void revoke(RealmModel realm, UserModel user, String roleName) {
        RoleModel role = realm.getRole(roleName);
        if (role != null && user.hasDirectRole(role)) {
            user.deleteRoleMapping(role);
        }
    }
}
