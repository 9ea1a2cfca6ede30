package tongban.hub.cases;

import org.springframework.stereotype.Component;
import tongban.adapters.support.ServiceDefinition;
import tongban.hub.exchange.CaseRules;
import tongban.hub.problem.ExchangeFailure;
import tongban.sso.identity.Caller;

/**
 * The cases' rules for reading a person's data on someone else's behalf, asked by the exchange before the call:
 * the case must exist and be open, be about that person, be handled at the staff member's window (staff), need
 * that very data (a shared material of its item) and carry the applicant's standing consent to fetch it. Each
 * refusal names its rule.
 */
@Component
class CaseAccess implements CaseRules {

    private final CaseStore store;
    private final Applications applications;

    CaseAccess(CaseStore store, Applications applications) {
        this.store = store;
        this.applications = applications;
    }

    @Override
    public void check(Caller caller, String caseId, ServiceDefinition service, String subjectIdNumber) {
        CaseRecord c = store.find(caseId).filter(found -> !found.isBundle()).orElseThrow(() ->
                ExchangeFailure.forbidden("CASE_NOT_FOUND", "there is no case " + caseId));
        if (c.status().isFinal()) {
            throw ExchangeFailure.forbidden("CASE_CLOSED", "case " + caseId + " is " + c.status()
                    + "; a closed case lets nobody read anyone's data");
        }
        if (!c.applicantIdNumber().equals(subjectIdNumber)) {
            throw ExchangeFailure.forbidden("CASE_NOT_ABOUT_PERSON", "case " + caseId + " is not about this person");
        }
        if (caller.isStaff() && !c.atWindow(caller.serviceWindow())) {
            throw ExchangeFailure.forbidden("CASE_NOT_AT_YOUR_WINDOW", "case " + caseId
                    + " is handled at another window");
        }
        boolean needed = applications.item(c.item())
                .flatMap(item -> item.shared(service.department(), service.service())).isPresent();
        if (!needed) {
            throw ExchangeFailure.forbidden("DATA_NOT_NEEDED_FOR_CASE", "the item of case " + caseId
                    + " does not need " + service.address());
        }
        boolean consented = store.consent(caseId, service.department(), service.service())
                .filter(CaseStore.Consent::standing).isPresent();
        if (!consented) {
            throw ExchangeFailure.forbidden("CONSENT_MISSING", "the applicant of case " + caseId
                    + " has not agreed to " + service.address() + " being fetched (or took the consent back)");
        }
    }
}
