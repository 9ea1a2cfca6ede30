package tongban.keycloak.broker;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;

/**
 * First broker login for the province: the one rule by which a provincial identity becomes a Tongban account.
 * <ul>
 *   <li>A local account with the same id number is linked <b>only</b> when the province asserts level 3 or more and
 *       the local account's id number was verified (its own level is 3 or more). Never by e-mail, never by
 *       username: the province's e-mail is not even copied, so someone who registers at the province with another
 *       person's e-mail gets nothing of theirs.</li>
 *   <li>An id number that belongs to a local account that cannot be linked so is refused with a page saying what to
 *       do — nothing is created, so one id number stays one account.</li>
 *   <li>Otherwise a new account, named after the province's subject ({@code province.<sub>}), with the id number;
 *       the level and everything else the province asserts is applied by {@link ApplyProvinceAssertion}, on this
 *       and every later sign-in.</li>
 * </ul>
 * Replaces Keycloak's "detect existing user" and "create user if unique", which match by e-mail and username.
 */
public class LinkByVerifiedIdNumber extends AbstractIdpAuthenticator {

    private static final Logger LOG = Logger.getLogger(LinkByVerifiedIdNumber.class);
    static final int LINKING_LEVEL = 3;

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext brokerContext) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        ProvinceAssertion province = ProvinceAssertion.of(brokerContext);
        forgetTheEmail(context, serializedCtx);
        if (!province.hasValidIdNumber()) {
            refuse(context, "provinceIdNumberMissingMessage", Response.Status.BAD_GATEWAY);
            return;
        }
        List<UserModel> holders = session.users()
                .searchForUserByUserAttributeStream(realm, CityAccount.ID_NUMBER, province.idNumber()).limit(2).toList();
        if (holders.size() == 1) {
            UserModel local = holders.get(0);
            if (province.level() >= LINKING_LEVEL && CityAccount.realNameLevel(local) >= LINKING_LEVEL) {
                LOG.infof("province subject %s linked to account %s by its verified id number", province.subject(),
                        local.getId());
                context.setUser(local);
                context.success();
            } else {
                context.getEvent().user(local).detail("reason", "id number held by an account that cannot be linked");
                refuse(context, "provinceIdNumberHeldMessage", Response.Status.CONFLICT);
            }
            return;
        }
        if (!holders.isEmpty()) {
            refuse(context, "provinceIdNumberHeldMessage", Response.Status.CONFLICT); // never guess between two
            return;
        }
        String username = CityAccount.PROVINCE + "." + brokerContext.getId();
        if (session.users().getUserByUsername(realm, username) != null) {
            refuse(context, "provinceIdNumberHeldMessage", Response.Status.CONFLICT);
            return;
        }
        UserModel account = session.users().addUser(realm, username);
        account.setEnabled(true);
        account.setSingleAttribute(CityAccount.ID_NUMBER, province.idNumber());
        account.setSingleAttribute(CityAccount.REAL_NAME_SOURCE, CityAccount.PROVINCE);
        CityAccount.grant(realm, account, CityAccount.CITIZEN);
        context.setUser(account);
        context.getAuthenticationSession().setAuthNote(AbstractIdentityProvider.BROKER_REGISTERED_NEW_USER, "true");
        context.success();
    }

    /**
     * The province's e-mail proves nothing here (anyone may register one there): Keycloak would copy it into the new
     * account after this flow — and refuse the sign-in when a Tongban account already has it — so it is dropped from
     * the brokered identity before that.
     */
    private static void forgetTheEmail(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx) {
        if (serializedCtx.getEmail() != null) {
            serializedCtx.setEmail(null);
            serializedCtx.saveToAuthenticationSession(context.getAuthenticationSession(), BROKERED_CONTEXT_NOTE);
        }
    }

    private static void refuse(AuthenticationFlowContext context, String message, Response.Status status) {
        context.getEvent().error(Errors.FEDERATED_IDENTITY_EXISTS);
        context.failureChallenge(AuthenticationFlowError.INVALID_USER,
                context.form().setError(message).createErrorPage(status));
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                              BrokeredIdentityContext brokerContext) {
        authenticateImpl(context, serializedCtx, brokerContext);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
