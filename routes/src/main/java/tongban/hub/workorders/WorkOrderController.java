package tongban.hub.workorders;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.exchange.JsonRequests;
import tongban.sso.identity.Caller;

import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/v1/work-orders}: operators see every order (or one department's), a department's own system its
 * department's, a caller their own — escalated first; {@code GET /api/v1/work-orders/{n}} one order with its
 * history; {@code POST …/transfer-decision} the dispatcher's decision on a transfer request (operators).
 */
@RestController
class WorkOrderController {

    private final WorkOrderViews views;
    private final WorkOrders orders;
    private final JsonRequests requests;

    WorkOrderController(WorkOrderViews views, WorkOrders orders, JsonRequests requests) {
        this.views = views;
        this.orders = orders;
        this.requests = requests;
    }

    @GetMapping("/api/v1/work-orders")
    List<WorkOrderViews.Summary> list(@AuthenticationPrincipal Jwt jwt,
                                      @RequestParam(required = false) String department,
                                      @RequestParam(defaultValue = "false") boolean open,
                                      @RequestParam(defaultValue = "50") int limit) {
        return views.list(Caller.from(jwt), department, open, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/api/v1/work-orders/{orderNumber}")
    WorkOrderViews.Detail one(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber) {
        return views.detail(Caller.from(jwt), orderNumber).orElseThrow(() -> WorkOrderFailure.notFound(orderNumber));
    }

    @PostMapping("/api/v1/work-orders/{orderNumber}/transfer-decision")
    WorkOrderViews.Detail decide(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber,
                                 HttpServletRequest request) throws IOException {
        Caller caller = Caller.from(jwt);
        if (!caller.hasRole(Caller.OPS)) {
            throw new WorkOrderFailure(HttpStatus.FORBIDDEN, "NO_ACCESS_RIGHT", "只有调度员可以决定转办",
                    "only the platform's dispatchers (ops) decide transfers");
        }
        JsonNode body = requests.read(request).json();
        if (!body.path("approve").isBoolean()) {
            throw WorkOrderFailure.invalid("请选择同意或不同意", "approve (true or false) is required");
        }
        orders.decideTransfer(orderNumber, body.path("approve").asBoolean(), text(body, "department"),
                text(body, "note"), caller.username());
        return views.detail(caller, orderNumber).orElseThrow();
    }

    private static String text(JsonNode body, String field) {
        String value = body.path(field).asText("");
        return value.isBlank() ? null : value.strip();
    }
}
