package tongban.hub.workorders;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One work order as stored.
 *
 * @param source      HOTLINE (a 12345 request) or RATING (a bad rating's follow-up)
 * @param sourceRef   the hotline's own order number, or the rated case's number
 * @param kind        COMPLAINT, HELP, CONSULTATION, SUGGESTION or FOLLOW_UP
 * @param callBackBy  for a follow-up: the last working day to call the applicant back on
 * @param finishBy    the last working day to finish on
 * @param escalated   RESPONSE or FINISH while that deadline is close or passed (督办), else null
 * @param satisfaction the caller's satisfaction once asked (the hotline's 回访, the applicant's 追评), 1..5
 */
public record WorkOrder(String orderNumber, String source, String sourceRef, String kind, String subject,
                        String content, String callerName, String callerPhone, String callerIdNumber,
                        String department, String caseNumber, WorkOrderStatus status, Instant receivedAt,
                        Instant respondBy, LocalDate callBackBy, LocalDate finishBy, Instant respondedAt,
                        String handler, Instant calledBackAt, Instant rectifiedAt, String reply, Instant finishedAt,
                        boolean responseLate, boolean callBackLate, boolean finishLate, String escalated,
                        Instant escalatedAt, String transferTo, String transferReason, Integer satisfaction,
                        int dispatchRound, int version) {

    public boolean isFollowUp() {
        return "RATING".equals(source);
    }

    public boolean isOpen() {
        return status != WorkOrderStatus.FINISHED;
    }

    /** The key the order's dispatch to its department goes under: one per department it was sent to. */
    String dispatchKey() {
        return "work-order/" + orderNumber + "/" + dispatchRound;
    }
}
