package tongban.hub.workorders;

import org.springframework.http.HttpStatus;
import tongban.hub.problem.WordedFailure;

/** A work-order request that cannot be done: a problem for the API, words for a page. */
public class WorkOrderFailure extends WordedFailure {

    WorkOrderFailure(HttpStatus status, String code, String words, String detail) {
        super(status, code, words, detail);
    }

    static WorkOrderFailure notFound(String orderNumber) {
        return new WorkOrderFailure(HttpStatus.NOT_FOUND, "WORK_ORDER_NOT_FOUND", "没有这个工单",
                "there is no work order " + orderNumber + " that you may see");
    }

    static WorkOrderFailure invalid(String words, String detail) {
        return new WorkOrderFailure(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", words, detail);
    }

    static WorkOrderFailure conflict(String words, String detail) {
        return new WorkOrderFailure(HttpStatus.CONFLICT, "WORK_ORDER_STATUS_CONFLICT", words, detail);
    }
}
