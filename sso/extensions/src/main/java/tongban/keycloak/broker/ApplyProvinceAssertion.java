package tongban.keycloak.broker;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Post broker login, on every sign-in through the province: what the province asserted becomes what the hub reads.
 * <ul>
 *   <li>The sign-in's level ({@code acr}) is the level the province asserted — never above it. (Keycloak would
 *       otherwise give a brokered sign-in {@code acr} 1, and a level-3 service would ask for a second factor the
 *       person never set up.)</li>
 *   <li>An account the province created follows the province: its real-name level, name and mobile number are the
 *       province's as of this sign-in (a level the province lowers is lowered here). A local account linked by its
 *       verified id number keeps its own level: the province adds no level to it.</li>
 *   <li>A legal-person login (法人登录) makes the person a handler acting for that enterprise (unified social credit
 *       code checked against GB 32100) with the authority the province names; a personal login takes back what an
 *       earlier legal-person login gave, and nothing an administrator set.</li>
 * </ul>
 */
public class ApplyProvinceAssertion implements Authenticator {

    static final String ACTING_FOR_SOURCE = "acting_for_source";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SerializedBrokeredIdentityContext serialized = SerializedBrokeredIdentityContext.readFromAuthenticationSession(
                context.getAuthenticationSession(), PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
        ProvinceAssertion province = ProvinceAssertion.of(
                serialized.deserialize(context.getSession(), context.getAuthenticationSession()));
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();

        if (CityAccount.PROVINCE.equals(user.getFirstAttribute(CityAccount.REAL_NAME_SOURCE))) {
            followTheProvince(user, province);
        }
        actingFor(realm, user, province.legalPerson());
        if (province.level() > 0) {
            // this sign-in's level, and the session's for the next application's single sign-on (as Keycloak's own
            // level conditions keep it)
            AuthenticationSessionModel authSession = context.getAuthenticationSession();
            new AcrStore(context.getSession(), authSession).setLevelAuthenticated(province.level());
            authSession.setUserSessionNote(Constants.LOA_MAP, authSession.getAuthNote(Constants.LOA_MAP));
        }
        context.success();
    }

    private static void followTheProvince(UserModel user, ProvinceAssertion province) {
        if (province.level() > 0) {
            user.setSingleAttribute(CityAccount.REAL_NAME_LEVEL, Integer.toString(province.level()));
        } else {
            user.removeAttribute(CityAccount.REAL_NAME_LEVEL);
        }
        if (province.name() != null) {
            user.setLastName(province.familyName());
            user.setFirstName(province.givenName());
        }
        if (province.mobile() != null) {
            user.setSingleAttribute(CityAccount.PHONE, province.mobile());
        }
    }

    private static void actingFor(RealmModel realm, UserModel user, ProvinceAssertion.LegalPerson legalPerson) {
        if (legalPerson != null) {
            user.setSingleAttribute(CityAccount.ACTING_FOR_USCC, legalPerson.creditCode());
            user.setSingleAttribute(CityAccount.ACTING_FOR_NAME, legalPerson.name() == null ? "" : legalPerson.name());
            user.setSingleAttribute(CityAccount.ACTING_FOR_AUTHORITY,
                    legalPerson.authority() == null ? "经办人" : legalPerson.authority());
            user.setSingleAttribute(ACTING_FOR_SOURCE, CityAccount.PROVINCE);
            CityAccount.grant(realm, user, CityAccount.ENTERPRISE_HANDLER);
        } else if (CityAccount.PROVINCE.equals(user.getFirstAttribute(ACTING_FOR_SOURCE))) {
            user.removeAttribute(CityAccount.ACTING_FOR_USCC);
            user.removeAttribute(CityAccount.ACTING_FOR_NAME);
            user.removeAttribute(CityAccount.ACTING_FOR_AUTHORITY);
            user.removeAttribute(ACTING_FOR_SOURCE);
            CityAccount.revoke(realm, user, CityAccount.ENTERPRISE_HANDLER);
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
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
