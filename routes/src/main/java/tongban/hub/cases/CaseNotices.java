package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.callbacks.NoticeListener;

import java.time.Instant;
import java.util.Map;

/**
 * A department's notice about one of its cases: a callback whose canonical fields name a {@code caseNumber} and a
 * {@code status} (ACCEPTED, NOT_ACCEPTED, IN_PROGRESS, CORRECTION_REQUESTED, APPROVED, REFUSED), with an optional
 * {@code reason}, {@code result} (the licence or registration number) and {@code changedAt}. It moves the case in
 * the notice's own transaction; a notice about a case that does not exist, that another department decides, or
 * that cannot move that way, is refused to the department and nothing of it is kept.
 */
@Component
class CaseNotices implements NoticeListener {

    private static final Map<String, CaseStatus> STATUSES = Map.of(
            "ACCEPTED", CaseStatus.ACCEPTED, "NOT_ACCEPTED", CaseStatus.NOT_ACCEPTED,
            "IN_PROGRESS", CaseStatus.IN_PROGRESS, "CORRECTION_REQUESTED", CaseStatus.CORRECTION_REQUESTED,
            "APPROVED", CaseStatus.FINISHED, "REFUSED", CaseStatus.FINISHED);

    private final CaseStore store;
    private final CaseProgress progress;

    CaseNotices(CaseStore store, CaseProgress progress) {
        this.store = store;
        this.progress = progress;
    }

    @Override
    public String received(String department, String callback, ObjectNode event) {
        JsonNode data = event.path("data");
        String number = data.path("caseNumber").asText(null);
        if (number == null || !data.hasNonNull("status")) {
            return null; // not about a case (a stage of a construction project, say)
        }
        String said = data.path("status").asText();
        CaseStatus to = STATUSES.get(said);
        if (to == null) {
            throw new CaseFailure(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "状态不正确",
                    "the notice's status '" + said + "' is not one a case can take (" + STATUSES.keySet() + ")");
        }
        CaseRecord c = store.lock(number).orElseThrow(() -> new CaseFailure(HttpStatus.NOT_FOUND, "UNKNOWN_CASE",
                "没有这个办件", "there is no case " + number));
        if (c.isBundle() || !department.equals(c.department())) {
            throw new CaseFailure(HttpStatus.FORBIDDEN, "CASE_OF_ANOTHER_DEPARTMENT", "该办件不由本部门办理",
                    "case " + number + " is not decided by " + department);
        }
        CaseStatus.Outcome outcome = switch (said) {
            case "APPROVED" -> CaseStatus.Outcome.APPROVED;
            case "REFUSED" -> CaseStatus.Outcome.REFUSED;
            default -> null;
        };
        if ((to == CaseStatus.NOT_ACCEPTED || to == CaseStatus.CORRECTION_REQUESTED
                || outcome == CaseStatus.Outcome.REFUSED) && data.path("reason").asText("").isBlank()) {
            throw new CaseFailure(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "请说明理由",
                    "a notice that does not accept, refuses or asks for a correction must give its reason");
        }
        progress.move(c, new CaseProgress.Step(to, outcome, NoticeListener.text(data, "reason"),
                NoticeListener.text(data, "result"), NoticeListener.changedAt(data, Instant.now()),
                "department:" + department, event.path("requestId").asText(null)));
        return number;
    }
}
