package tongban.hub.exchange;

import tongban.hub.problem.ExchangeFailure;
import tongban.adapters.support.ServiceDefinition;
import tongban.sso.identity.Caller;

/**
 * Whether a case (办件) lets someone other than the person themselves read that person's data: window staff
 * handling the case, or the platform fetching a material for it (一证通办). Implemented where the cases live; the
 * exchange asks before every such call, so a case that does not allow it stops the call before any department.
 */
public interface CaseRules {

    /** The role of the platform's own calls made for a case (never granted by Keycloak to a person). */
    String PLATFORM = "tongban-platform";

    /**
     * @param subjectIdNumber the person the call is about
     * @throws ExchangeFailure 403 with a code naming the rule that refused (no such case, closed, another person,
     *                         another window, data the case's item does not need, no consent)
     */
    void check(Caller caller, String caseId, ServiceDefinition service, String subjectIdNumber);
}
