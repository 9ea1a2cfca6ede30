package tongban.hub.cases;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One case as stored.
 *
 * @param parentNumber the bundle's case for a part, else null
 * @param dispatch     for a case a department decides: WAITING (for earlier parts), READY, SENT, DELIVERED, CANCELLED;
 *                     null when the window decides
 */
public record CaseRecord(String caseNumber, String parentNumber, String bundle, String part, String itemCode,
                         String item, String title, String department, String applicantSubject, String applicantName,
                         String applicantIdNumber, String actingForUscc, String actingForName, String channel,
                         String serviceWindow, CaseStatus status, CaseStatus.Outcome outcome, String reason,
                         String resultRef, String departmentRef, String formJson, Integer promisedDays,
                         Instant submittedAt, LocalDate acceptedOn, LocalDate dueOn, LocalDate correctionSince,
                         Instant finishedAt, String dispatch, String submissionId, int round, int version) {

    public boolean isBundle() {
        return bundle != null;
    }

    /** The same case with its sending changed: where it is in going out, its submission, its department's number, its form. */
    CaseRecord dispatched(String dispatch, String submissionId, String departmentRef, String formJson) {
        return new CaseRecord(caseNumber, parentNumber, bundle, part, itemCode, item, title, department,
                applicantSubject, applicantName, applicantIdNumber, actingForUscc, actingForName, channel,
                serviceWindow, status, outcome, reason, resultRef, departmentRef, formJson, promisedDays, submittedAt,
                acceptedOn, dueOn, correctionSince, finishedAt, dispatch, submissionId, round, version);
    }

    /** The idempotency key of this round's submission to the department: one per case and round. */
    String submissionKey() {
        return caseNumber + "/" + round;
    }
}
