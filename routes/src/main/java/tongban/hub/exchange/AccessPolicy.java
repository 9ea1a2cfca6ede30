package tongban.hub.exchange;

import tongban.hub.problem.ExchangeFailure;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tongban.adapters.support.ResidentIdNumber;
import tongban.adapters.support.ServiceDefinition;
import tongban.sso.identity.Caller;


/**
 * Who may call what — deny by default. A client application ({@code azp}) may call only the services
 * granted to it. For a service about a person: a citizen may ask only about their own id number; staff, and the
 * platform fetching a material, may ask about others only for a case ({@code X-Case-Id}) that the {@link CaseRules}
 * let them; nobody else may ask at all. A service may further need a real-name level (实名等级) of the citizen
 * asking, reached by this very sign-in.
 */
@Component
class AccessPolicy {

    private final AccessRights rights;
    private final CaseRules cases;

    @Autowired
    AccessPolicy(AccessRights rights, ObjectProvider<CaseRules> cases) {
        this(rights, cases.getIfAvailable());
    }

    /** @param cases the rules of cases, or null where there are none (then no case lets anyone in) */
    AccessPolicy(AccessRights rights, CaseRules cases) {
        this.rights = rights;
        this.cases = cases;
    }

    boolean clientMayUse(String clientId, ServiceDefinition service) {
        return rights.mayUse(clientId, service);
    }

    /**
     * @param subjectIdNumber the id number the request is about (already checked for shape), or null
     * @throws ExchangeFailure 403 with a code saying which rule refused the call
     */
    void check(Caller caller, ServiceDefinition service, String subjectIdNumber, String caseId) {
        if (!clientMayUse(caller.clientId(), service)) {
            throw ExchangeFailure.forbidden("NO_ACCESS_RIGHT",
                    "client '" + caller.clientId() + "' has no access right to " + service.address());
        }
        if (!service.concernsPerson()) {
            return;
        }
        if (caller.isCitizen() && subjectIdNumber.equals(caller.idNumber())) {
            checkLevel(caller, service);
            return;
        }
        if (caller.isStaff() || caller.hasRole(CaseRules.PLATFORM)) {
            if (caseId == null) {
                throw ExchangeFailure.forbidden("CASE_ID_REQUIRED",
                        "staff may ask about a person only for a case: send X-Case-Id");
            }
            if (cases == null) {
                throw ExchangeFailure.forbidden("CASE_NOT_FOUND", "there is no case " + caseId);
            }
            cases.check(caller, caseId, service, subjectIdNumber);
            return;
        }
        throw ExchangeFailure.forbidden("NOT_OWN_DATA", "a citizen may only ask about their own data");
    }

    /**
     * A verified identity below the service's level cannot step up its way in (403, go and raise the real-name
     * level); a good enough identity signed in too weakly is asked to sign in again at that level (401 with the
     * RFC 9470 challenge).
     */
    private static void checkLevel(Caller caller, ServiceDefinition service) {
        int required = service.minimumLevel();
        int verified = caller.realNameLevel().level();
        if (verified < required) {
            throw ExchangeFailure.forbidden("REAL_NAME_LEVEL_TOO_LOW", service.address() + " needs real-name level "
                    + required + "; this account is verified to level " + verified);
        }
        if (caller.signInLevel() < required) {
            throw ExchangeFailure.stepUpRequired(required, service.address() + " needs a sign-in at level " + required
                    + "; this sign-in reached level " + caller.signInLevel());
        }
    }

    /** The id number a person-service request is about; a missing or malformed one is the caller's 400. */
    static String subjectOf(ServiceDefinition service, JsonNode request) {
        if (!service.concernsPerson()) {
            return null;
        }
        JsonNode value = request.get(service.subjectField());
        if (value == null || !value.isTextual()
                || !ResidentIdNumber.isValid(value.asText())) {
            throw ExchangeFailure.invalid("'" + service.subjectField() + "' must be a valid 18-character resident id number");
        }
        return value.asText();
    }
}
