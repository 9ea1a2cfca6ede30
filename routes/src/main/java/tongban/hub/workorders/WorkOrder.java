package tongban.hub.workorders;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One work order as stored. Built by name ({@link #builder()}, {@link #toBuilder()}), never by position.
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

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every fact of this order, to change a few by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.orderNumber = orderNumber;
        b.source = source;
        b.sourceRef = sourceRef;
        b.kind = kind;
        b.subject = subject;
        b.content = content;
        b.callerName = callerName;
        b.callerPhone = callerPhone;
        b.callerIdNumber = callerIdNumber;
        b.department = department;
        b.caseNumber = caseNumber;
        b.status = status;
        b.receivedAt = receivedAt;
        b.respondBy = respondBy;
        b.callBackBy = callBackBy;
        b.finishBy = finishBy;
        b.respondedAt = respondedAt;
        b.handler = handler;
        b.calledBackAt = calledBackAt;
        b.rectifiedAt = rectifiedAt;
        b.reply = reply;
        b.finishedAt = finishedAt;
        b.responseLate = responseLate;
        b.callBackLate = callBackLate;
        b.finishLate = finishLate;
        b.escalated = escalated;
        b.escalatedAt = escalatedAt;
        b.transferTo = transferTo;
        b.transferReason = transferReason;
        b.satisfaction = satisfaction;
        b.dispatchRound = dispatchRound;
        b.version = version;
        return b;
    }

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

    /** Names each fact of an order; what is not named stays null (false, 0). */
    public static final class Builder {
        private String orderNumber;
        private String source;
        private String sourceRef;
        private String kind;
        private String subject;
        private String content;
        private String callerName;
        private String callerPhone;
        private String callerIdNumber;
        private String department;
        private String caseNumber;
        private WorkOrderStatus status;
        private Instant receivedAt;
        private Instant respondBy;
        private LocalDate callBackBy;
        private LocalDate finishBy;
        private Instant respondedAt;
        private String handler;
        private Instant calledBackAt;
        private Instant rectifiedAt;
        private String reply;
        private Instant finishedAt;
        private boolean responseLate;
        private boolean callBackLate;
        private boolean finishLate;
        private String escalated;
        private Instant escalatedAt;
        private String transferTo;
        private String transferReason;
        private Integer satisfaction;
        private int dispatchRound;
        private int version;

        private Builder() {
        }

        public Builder orderNumber(String orderNumber) {
            this.orderNumber = orderNumber;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder sourceRef(String sourceRef) {
            this.sourceRef = sourceRef;
            return this;
        }

        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder content(String content) {
            this.content = content;
            return this;
        }

        public Builder callerName(String callerName) {
            this.callerName = callerName;
            return this;
        }

        public Builder callerPhone(String callerPhone) {
            this.callerPhone = callerPhone;
            return this;
        }

        public Builder callerIdNumber(String callerIdNumber) {
            this.callerIdNumber = callerIdNumber;
            return this;
        }

        public Builder department(String department) {
            this.department = department;
            return this;
        }

        public Builder caseNumber(String caseNumber) {
            this.caseNumber = caseNumber;
            return this;
        }

        public Builder status(WorkOrderStatus status) {
            this.status = status;
            return this;
        }

        public Builder receivedAt(Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public Builder respondBy(Instant respondBy) {
            this.respondBy = respondBy;
            return this;
        }

        public Builder callBackBy(LocalDate callBackBy) {
            this.callBackBy = callBackBy;
            return this;
        }

        public Builder finishBy(LocalDate finishBy) {
            this.finishBy = finishBy;
            return this;
        }

        public Builder respondedAt(Instant respondedAt) {
            this.respondedAt = respondedAt;
            return this;
        }

        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        public Builder calledBackAt(Instant calledBackAt) {
            this.calledBackAt = calledBackAt;
            return this;
        }

        public Builder rectifiedAt(Instant rectifiedAt) {
            this.rectifiedAt = rectifiedAt;
            return this;
        }

        public Builder reply(String reply) {
            this.reply = reply;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder responseLate(boolean responseLate) {
            this.responseLate = responseLate;
            return this;
        }

        public Builder callBackLate(boolean callBackLate) {
            this.callBackLate = callBackLate;
            return this;
        }

        public Builder finishLate(boolean finishLate) {
            this.finishLate = finishLate;
            return this;
        }

        public Builder escalated(String escalated) {
            this.escalated = escalated;
            return this;
        }

        public Builder escalatedAt(Instant escalatedAt) {
            this.escalatedAt = escalatedAt;
            return this;
        }

        public Builder transferTo(String transferTo) {
            this.transferTo = transferTo;
            return this;
        }

        public Builder transferReason(String transferReason) {
            this.transferReason = transferReason;
            return this;
        }

        public Builder satisfaction(Integer satisfaction) {
            this.satisfaction = satisfaction;
            return this;
        }

        public Builder dispatchRound(int dispatchRound) {
            this.dispatchRound = dispatchRound;
            return this;
        }

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        public WorkOrder build() {
            return new WorkOrder(orderNumber, source, sourceRef, kind, subject, content, callerName, callerPhone,
                    callerIdNumber, department, caseNumber, status, receivedAt, respondBy, callBackBy, finishBy,
                    respondedAt, handler, calledBackAt, rectifiedAt, reply, finishedAt, responseLate, callBackLate,
                    finishLate, escalated, escalatedAt, transferTo, transferReason, satisfaction, dispatchRound,
                    version);
        }
    }
}
