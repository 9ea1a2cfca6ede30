package tongban.hub.cases;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One case as stored. Built by name ({@link #builder()}, {@link #toBuilder()}), never by position: a case has
 * thirty-three facts and a mistaken order would compile.
 *
 * @param parentNumber the bundle's case for a part, else null
 * @param serviceWindow  the window that handles the case (decides it, or follows the department's decision)
 * @param receivedWindow the window that took the application in (全城通办: any window in the city for a city-wide
 *                       item), or null for an application made online
 * @param receivedBy     the staff member who took it in, or null
 * @param dispatch     for a case a department decides: WAITING (for earlier parts), READY, SENT, DELIVERED, CANCELLED;
 *                     null when the window decides
 * @param round        1 for the first application, one more for each resubmission after a correction
 * @param version      the optimistic lock the store checks on every update
 */
public record CaseRecord(String caseNumber, String parentNumber, String bundle, String part, String itemCode,
                         String item, String title, String department, String applicantSubject, String applicantName,
                         String applicantIdNumber, String actingForUscc, String actingForName, String channel,
                         String serviceWindow, String receivedWindow, String receivedBy, CaseStatus status, CaseStatus.Outcome outcome, String reason,
                         String resultRef, String departmentRef, String formJson, Integer promisedDays,
                         Instant submittedAt, LocalDate acceptedOn, LocalDate dueOn, LocalDate correctionSince,
                         Instant finishedAt, String dispatch, String submissionId, int round, int version) {

    /** Whether staff of this window work on the case: the window that handles it or the one that took it in. */
    public boolean atWindow(String window) {
        return window != null && (window.equals(serviceWindow) || window.equals(receivedWindow));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every fact of this case, to change a few by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
            b.caseNumber = caseNumber;
            b.parentNumber = parentNumber;
            b.bundle = bundle;
            b.part = part;
            b.itemCode = itemCode;
            b.item = item;
            b.title = title;
            b.department = department;
            b.applicantSubject = applicantSubject;
            b.applicantName = applicantName;
            b.applicantIdNumber = applicantIdNumber;
            b.actingForUscc = actingForUscc;
            b.actingForName = actingForName;
            b.channel = channel;
            b.serviceWindow = serviceWindow;
            b.receivedWindow = receivedWindow;
            b.receivedBy = receivedBy;
            b.status = status;
            b.outcome = outcome;
            b.reason = reason;
            b.resultRef = resultRef;
            b.departmentRef = departmentRef;
            b.formJson = formJson;
            b.promisedDays = promisedDays;
            b.submittedAt = submittedAt;
            b.acceptedOn = acceptedOn;
            b.dueOn = dueOn;
            b.correctionSince = correctionSince;
            b.finishedAt = finishedAt;
            b.dispatch = dispatch;
            b.submissionId = submissionId;
            b.round = round;
            b.version = version;
        return b;
    }

    public boolean isBundle() {
        return bundle != null;
    }

    /** The same case with its sending changed: where it is in going out, its submission, its department's number, its form. */
    CaseRecord dispatched(String dispatch, String submissionId, String departmentRef, String formJson) {
        return toBuilder().dispatch(dispatch).submissionId(submissionId).departmentRef(departmentRef).formJson(formJson)
                .build();
    }

    /** The idempotency key of this round's submission to the department: one per case and round. */
    String submissionKey() {
        return caseNumber + "/" + round;
    }

    /** Names each fact of a case; what is not named stays null (round and version 0). */
    public static final class Builder {
        private String caseNumber;
        private String parentNumber;
        private String bundle;
        private String part;
        private String itemCode;
        private String item;
        private String title;
        private String department;
        private String applicantSubject;
        private String applicantName;
        private String applicantIdNumber;
        private String actingForUscc;
        private String actingForName;
        private String channel;
        private String serviceWindow;
        private String receivedWindow;
        private String receivedBy;
        private CaseStatus status;
        private CaseStatus.Outcome outcome;
        private String reason;
        private String resultRef;
        private String departmentRef;
        private String formJson;
        private Integer promisedDays;
        private Instant submittedAt;
        private LocalDate acceptedOn;
        private LocalDate dueOn;
        private LocalDate correctionSince;
        private Instant finishedAt;
        private String dispatch;
        private String submissionId;
        private int round;
        private int version;

        private Builder() {
        }

        public Builder caseNumber(String caseNumber) {
            this.caseNumber = caseNumber;
            return this;
        }

        public Builder parentNumber(String parentNumber) {
            this.parentNumber = parentNumber;
            return this;
        }

        public Builder bundle(String bundle) {
            this.bundle = bundle;
            return this;
        }

        public Builder part(String part) {
            this.part = part;
            return this;
        }

        public Builder itemCode(String itemCode) {
            this.itemCode = itemCode;
            return this;
        }

        public Builder item(String item) {
            this.item = item;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder department(String department) {
            this.department = department;
            return this;
        }

        public Builder applicantSubject(String applicantSubject) {
            this.applicantSubject = applicantSubject;
            return this;
        }

        public Builder applicantName(String applicantName) {
            this.applicantName = applicantName;
            return this;
        }

        public Builder applicantIdNumber(String applicantIdNumber) {
            this.applicantIdNumber = applicantIdNumber;
            return this;
        }

        public Builder actingForUscc(String actingForUscc) {
            this.actingForUscc = actingForUscc;
            return this;
        }

        public Builder actingForName(String actingForName) {
            this.actingForName = actingForName;
            return this;
        }

        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder receivedWindow(String receivedWindow) {
            this.receivedWindow = receivedWindow;
            return this;
        }

        public Builder receivedBy(String receivedBy) {
            this.receivedBy = receivedBy;
            return this;
        }

        public Builder serviceWindow(String serviceWindow) {
            this.serviceWindow = serviceWindow;
            return this;
        }

        public Builder status(CaseStatus status) {
            this.status = status;
            return this;
        }

        public Builder outcome(CaseStatus.Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder resultRef(String resultRef) {
            this.resultRef = resultRef;
            return this;
        }

        public Builder departmentRef(String departmentRef) {
            this.departmentRef = departmentRef;
            return this;
        }

        public Builder formJson(String formJson) {
            this.formJson = formJson;
            return this;
        }

        public Builder promisedDays(Integer promisedDays) {
            this.promisedDays = promisedDays;
            return this;
        }

        public Builder submittedAt(Instant submittedAt) {
            this.submittedAt = submittedAt;
            return this;
        }

        public Builder acceptedOn(LocalDate acceptedOn) {
            this.acceptedOn = acceptedOn;
            return this;
        }

        public Builder dueOn(LocalDate dueOn) {
            this.dueOn = dueOn;
            return this;
        }

        public Builder correctionSince(LocalDate correctionSince) {
            this.correctionSince = correctionSince;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder dispatch(String dispatch) {
            this.dispatch = dispatch;
            return this;
        }

        public Builder submissionId(String submissionId) {
            this.submissionId = submissionId;
            return this;
        }

        public Builder round(int round) {
            this.round = round;
            return this;
        }

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        public CaseRecord build() {
            return new CaseRecord(caseNumber, parentNumber, bundle, part, itemCode, item, title, department,
                    applicantSubject, applicantName, applicantIdNumber, actingForUscc, actingForName, channel,
                    serviceWindow, receivedWindow, receivedBy, status, outcome, reason, resultRef, departmentRef, formJson, promisedDays,
                    submittedAt, acceptedOn, dueOn, correctionSince, finishedAt, dispatch, submissionId, round,
                    version);
        }
    }
}
