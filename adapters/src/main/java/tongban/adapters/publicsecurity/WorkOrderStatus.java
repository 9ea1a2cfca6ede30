package tongban.adapters.publicsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tongban.adapters.support.CallbackDefinition;
import tongban.adapters.support.InvalidRequestException;
import tongban.adapters.support.RequestFields;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * 工单办理情况 — the public security bureau's word on a work order (a 12345 request, a bad rating's follow-up), from the
 * same notification gateway as its seal notices. It takes no orders through an intake: its system fetches them from
 * the hub ({@code GET /api/v1/work-orders}) and answers here. In its own words: {"tzbh": notice id, "gdbh": the
 * order, "cz": 1 签收 2 回访 3 整改 4 办结 5 申请退回, "cbr": 承办人, "clyj": 处理意见, "jydw": 建议承办单位 (the city's
 * unit codes), "sj": yyyy-MM-dd HH:mm:ss}.
 */
final class WorkOrderStatus {

    static final String CALLBACK = "work-order-status";
    private static final Pattern ORDER_NUMBER = Pattern.compile("GD[0-9]{14}");
    private static final Map<String, String> ACTIONS = Map.of("1", "ACKNOWLEDGED", "2", "CALLED_BACK", "3", "RECTIFIED",
            "4", "FINISHED", "5", "TRANSFER_REQUESTED");
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Z0-9]{2,20}");

    private WorkOrderStatus() {
    }

    static CallbackDefinition callback() {
        return NotificationGateway.callback(CALLBACK, "工单办理情况通知", WorkOrderStatus::notice);
    }

    private static JsonNode notice(JsonNode body) {
        String action = ACTIONS.get(body.path("cz").asText(""));
        if (action == null) {
            throw new InvalidRequestException("cz", "cz must be one of " + ACTIONS.keySet());
        }
        String unit = body.path("jydw").asText("").strip();
        if (!unit.isEmpty() && !UNIT_CODE.matcher(unit).matches()) {
            throw new InvalidRequestException("jydw", "jydw must be a unit code (单位编码)");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("orderNumber", RequestFields.requiredMatching(body, "gdbh", ORDER_NUMBER, "a work-order number"));
        out.put("action", action);
        out.put("handler", body.path("cbr").asText(null));
        out.put("text", body.path("clyj").asText(null));
        out.put("transferTo", unit.isEmpty() ? null : unit); // the city's unit code: the hub knows whose it is
        out.put("changedAt", NotificationGateway.changedAt(body));
        return out;
    }
}
