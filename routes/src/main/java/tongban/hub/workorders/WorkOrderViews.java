package tongban.hub.workorders;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.ServiceRegistry;
import tongban.sso.identity.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Work orders as callers may see them. The caller's own words, name and phone are personal data: masked in every
 * list and for the operators; whole only to the order's handler (its department's own system) and to the caller.
 */
@Component
public class WorkOrderViews {

    private static final Map<String, String> KINDS = Map.of("COMPLAINT", "投诉", "HELP", "求助", "CONSULTATION", "咨询",
            "SUGGESTION", "建议", "FOLLOW_UP", "差评回访整改");

    public record Summary(String orderNumber, String source, String kind, String kindWords, String subject,
                          String content, String callerName, String callerPhone, String department,
                          String departmentName, String caseNumber, String status, String statusWords,
                          Instant receivedAt, Instant respondBy, LocalDate callBackBy, LocalDate finishBy,
                          Instant respondedAt, String handler, Instant calledBackAt, Instant finishedAt,
                          boolean responseLate, boolean callBackLate, boolean finishLate, String escalated,
                          String escalatedWords, String transferTo, String transferToName, Integer satisfaction) {
    }

    public record HistoryLine(Instant at, String action, String note, String by) {
    }

    public record Detail(Summary summary, boolean whole, String reply, String transferReason,
                         List<HistoryLine> history) {
    }

    private final WorkOrders orders;
    private final ServiceRegistry registry;

    WorkOrderViews(WorkOrders orders, ServiceRegistry registry) {
        this.orders = orders;
        this.registry = registry;
    }

    /** Who the caller is to work orders: ops (all, masked), a department's system (its own), a caller (their own). */
    record Viewer(boolean ops, String department, String idNumber) {
        static Viewer of(Caller caller, ServiceRegistry registry) {
            return new Viewer(caller.hasRole(Caller.OPS), registry.departmentOfSystem(caller.clientId()).orElse(null),
                    caller.isCitizen() ? caller.idNumber() : null);
        }

        boolean may() {
            return ops || department != null || idNumber != null;
        }

        boolean seesWhole(WorkOrder o) {
            return o.department().equals(department) || idNumber != null && idNumber.equals(o.callerIdNumber());
        }

        boolean sees(WorkOrder o) {
            return ops || seesWhole(o);
        }
    }

    /** The orders the caller may see, escalated first: every list is masked. */
    public List<Summary> list(Caller caller, String department, boolean openOnly, int limit) {
        Viewer viewer = Viewer.of(caller, registry);
        if (!viewer.may()) {
            throw new WorkOrderFailure(HttpStatus.FORBIDDEN, "NO_ACCESS_RIGHT",
                    "无权查看工单", "work orders are for operators, the departments' systems and the callers");
        }
        String only = viewer.ops() ? department : viewer.department();
        String ownCalls = viewer.ops() || viewer.department() != null ? null : viewer.idNumber();
        return orders.list(only, ownCalls, openOnly, limit).stream().map(o -> summary(o, false)).toList();
    }

    public Optional<Detail> detail(Caller caller, String orderNumber) {
        Viewer viewer = Viewer.of(caller, registry);
        return orders.find(orderNumber).filter(viewer::sees).map(o -> {
            boolean whole = viewer.seesWhole(o);
            return new Detail(summary(o, whole), whole, o.reply(), o.transferReason(), orders.history(orderNumber)
                    .stream().map(e -> new HistoryLine(e.at(), e.action(),
                            whole || !"RECEIVED".equals(e.action()) ? e.note() : null, e.actor())).toList());
        });
    }

    Summary summary(WorkOrder o, boolean whole) {
        return new Summary(o.orderNumber(), o.source(), o.kind(), KINDS.getOrDefault(o.kind(), o.kind()), o.subject(),
                whole ? o.content() : maskWords(o.content()), whole ? o.callerName() : maskName(o.callerName()),
                whole ? o.callerPhone() : maskPhone(o.callerPhone()), o.department(), registry.title(o.department()),
                o.caseNumber(), o.status().name(), o.status().words(), o.receivedAt(), o.respondBy(), o.callBackBy(),
                o.finishBy(), o.respondedAt(), o.handler(), o.calledBackAt(), o.finishedAt(), o.responseLate(),
                o.callBackLate(), o.finishLate(), o.escalated(), escalatedWords(o), o.transferTo(),
                o.transferTo() == null ? null : registry.title(o.transferTo()), o.satisfaction());
    }

    private static String escalatedWords(WorkOrder o) {
        if (o.escalated() == null || !o.isOpen()) {
            return null;
        }
        return "RESPONSE".equals(o.escalated()) ? "督办：即将超过响应时限" : "督办：办理时限已到";
    }

    static String maskWords(String content) {
        return content == null ? null : "（诉求内容仅承办人和来电人可见，共 " + content.codePointCount(0, content.length()) + " 字）";
    }

    static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int[] points = name.codePoints().toArray();
        return new String(points, 0, 1) + "*".repeat(Math.max(1, points.length - 1));
    }

    static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        return phone.length() >= 7 ? phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4) : "****";
    }
}
