package tongban.hub.workorders;

/** Where a work order stands, with the words people see. */
public enum WorkOrderStatus {
    /** sent to its department, which has not yet acknowledged it (the 30-minute clock runs) */
    RECEIVED("待响应"),
    /** acknowledged, a handler named; being handled */
    RESPONDED("办理中"),
    /** the department asked to hand it to another (退回 / 转办); the platform's dispatcher decides */
    TRANSFER_REQUESTED("申请转办"),
    /** answered (a hotline order's reply, a follow-up's written reply to the applicant) */
    FINISHED("已办结");

    private final String words;

    WorkOrderStatus(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
