package tongban.hub.workorders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.callbacks.NoticeListener;

import java.time.Instant;
import java.util.Arrays;

/**
 * Notices about work orders, in their canonical fields (each system's own names are mapped by its descriptor):
 * <ul>
 *   <li>the hotline's new request — {@code hotlineNumber}, {@code kind}, {@code subject}, {@code content},
 *       {@code callerName}, {@code callerPhone}, {@code callerIdNumber}, {@code department}, {@code caseNumber},
 *       {@code finishDays} — from the hotline's own system only;</li>
 *   <li>the hotline's call back to the caller — {@code hotlineNumber}, {@code satisfaction} (1..5);</li>
 *   <li>a department's word on its order — {@code orderNumber}, {@code action} (ACKNOWLEDGED, CALLED_BACK,
 *       RECTIFIED, FINISHED, TRANSFER_REQUESTED), {@code handler}, {@code text}, {@code transferTo},
 *       {@code changedAt}.</li>
 * </ul>
 * Each is applied in the notice's transaction: refused, nothing of it is kept.
 */
@Component
class WorkOrderNotices implements NoticeListener {

    private final WorkOrders orders;
    private final WorkOrderProperties properties;

    WorkOrderNotices(WorkOrders orders, WorkOrderProperties properties) {
        this.orders = orders;
        this.properties = properties;
    }

    @Override
    public String received(String department, String callback, ObjectNode event) {
        JsonNode data = event.path("data");
        if (data.hasNonNull("orderNumber") && data.hasNonNull("action")) {
            return departmentSays(department, data);
        }
        if (!data.hasNonNull("hotlineNumber") || !department.equals(properties.hotline())) {
            return null; // not about a work order
        }
        String hotlineNumber = data.path("hotlineNumber").asText();
        if (data.hasNonNull("satisfaction")) {
            WorkOrder o = orders.fromHotlineNumber(hotlineNumber).orElseThrow(() ->
                    WorkOrderFailure.notFound("for hotline order " + hotlineNumber));
            orders.satisfaction(o.orderNumber(), data.path("satisfaction").asInt(0), "hotline");
            return o.caseNumber();
        }
        orders.fromHotline(new WorkOrders.HotlineRequest(hotlineNumber, text(data, "kind"),
                required(data, "subject", "诉求标题"), required(data, "content", "诉求内容"),
                required(data, "callerName", "来电人"), text(data, "callerPhone"), text(data, "callerIdNumber"),
                required(data, "department", "承办单位"), text(data, "caseNumber"),
                data.hasNonNull("finishDays") ? data.path("finishDays").asInt() : null));
        return text(data, "caseNumber");
    }

    private String departmentSays(String department, JsonNode data) {
        String said = data.path("action").asText();
        WorkOrders.Action action;
        try {
            action = WorkOrders.Action.valueOf(said);
        } catch (IllegalArgumentException e) {
            throw WorkOrderFailure.invalid("办理动作不正确", "the notice's action '" + said + "' is not one of "
                    + Arrays.toString(WorkOrders.Action.values()));
        }
        String number = data.path("orderNumber").asText();
        orders.act(department, number, action, text(data, "handler"), text(data, "text"), text(data, "transferTo"),
                NoticeListener.changedAt(data, Instant.MAX)); // no later than the deadlines' clock: act() sees to that
        return orders.find(number).map(WorkOrder::caseNumber).orElse(null);
    }

    private static String required(JsonNode data, String field, String words) {
        String value = text(data, field);
        if (value == null) {
            throw WorkOrderFailure.invalid("缺少" + words, "the notice has no " + field);
        }
        return value;
    }

    private static String text(JsonNode data, String field) {
        return NoticeListener.text(data, field);
    }
}
