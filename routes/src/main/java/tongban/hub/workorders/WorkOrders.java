package tongban.hub.workorders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.sends.PlatformSends;
import tongban.hub.web.BeijingTime;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Work orders (工单): a 12345 hotline request or a bad rating's follow-up, which a department must acknowledge (name
 * its handler) within {@code respond-within} and finish within its working days. Each order goes to its department
 * through the asynchronous exchange (where the department has a work-order intake); the department answers with its
 * own notices. The deadlines are the platform's to watch: an order close to one is escalated (督办), one past it is
 * recorded late — for good, whatever happens after.
 */
@Service
public class WorkOrders {

    private static final Logger LOG = LoggerFactory.getLogger(WorkOrders.class);
    static final Set<String> HOTLINE_KINDS = Set.of("COMPLAINT", "HELP", "CONSULTATION", "SUGGESTION");

    /** A 12345 request as the hotline sends it. */
    public record HotlineRequest(String hotlineNumber, String kind, String subject, String content, String callerName,
                                 String callerPhone, String callerIdNumber, String department, String caseNumber,
                                 Integer finishDays) {
    }

    /** A bad rating's follow-up, as the ratings open it. */
    public record FollowUp(String caseNumber, String title, String department, String applicantName,
                           String applicantIdNumber, String phone, String levelWords, String comment) {
    }

    /** What a department says about its order. */
    public enum Action { ACKNOWLEDGED, CALLED_BACK, RECTIFIED, FINISHED, TRANSFER_REQUESTED }

    private final WorkOrderStore store;
    private final WorkingCalendar calendar;
    private final ServiceRegistry registry;
    private final PlatformSends sends;
    private final WorkOrderProperties properties;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    WorkOrders(WorkOrderStore store, WorkingCalendar calendar, ServiceRegistry registry, PlatformSends sends,
               WorkOrderProperties properties, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.store = store;
        this.calendar = calendar;
        this.registry = registry;
        this.sends = sends;
        this.properties = properties;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Takes a hotline request in (inside the hotline notice's transaction): the same hotline number twice is the
     * same order.
     */
    public String fromHotline(HotlineRequest r) {
        Optional<WorkOrder> earlier = store.bySource("HOTLINE", r.hotlineNumber());
        if (earlier.isPresent()) {
            return earlier.get().orderNumber();
        }
        if (!HOTLINE_KINDS.contains(r.kind())) {
            throw WorkOrderFailure.invalid("诉求类型不正确", "kind must be one of " + HOTLINE_KINDS);
        }
        String department = registry.departmentNamed(r.department()).filter(d -> !d.equals(properties.hotline()))
                .orElseThrow(() -> new WorkOrderFailure(HttpStatus.UNPROCESSABLE_ENTITY, "UNKNOWN_DEPARTMENT",
                        "承办单位不在平台上", "there is no department '" + r.department() + "' on the exchange to send the order to"));
        int days = r.finishDays() == null ? properties.hotlineDays() : r.finishDays();
        if (days < 1 || days > 60) {
            throw WorkOrderFailure.invalid("办理时限不正确", "the finishing limit must be 1 to 60 working days");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BeijingTime.ZONE);
        WorkOrder o = WorkOrder.builder().orderNumber(store.nextNumber(today)).source("HOTLINE")
                .sourceRef(r.hotlineNumber()).kind(r.kind()).subject(r.subject()).content(r.content())
                .callerName(r.callerName()).callerPhone(r.callerPhone()).callerIdNumber(r.callerIdNumber())
                .department(department).caseNumber(r.caseNumber()).status(WorkOrderStatus.RECEIVED).receivedAt(now)
                .respondBy(now.plus(properties.respondWithin())).finishBy(calendar.addWorkingDays(today, days))
                .dispatchRound(1)
                .build();
        store.insert(o);
        store.addEvent(o.orderNumber(), now, "RECEIVED", "12345 热线工单 " + r.hotlineNumber() + " 派往 "
                + registry.title(o.department()), "hotline");
        dispatch(o);
        return o.orderNumber();
    }

    /** Opens the follow-up of a bad rating (inside the rating's transaction). */
    public String followUp(FollowUp f) {
        Optional<WorkOrder> earlier = store.bySource("RATING", f.caseNumber());
        if (earlier.isPresent()) {
            return earlier.get().orderNumber();
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BeijingTime.ZONE);
        String content = "办件 " + f.caseNumber() + "（" + f.title() + "）评价为" + f.levelWords()
                + (f.comment() == null ? "" : "：" + f.comment());
        WorkOrder o = WorkOrder.builder().orderNumber(store.nextNumber(today)).source("RATING")
                .sourceRef(f.caseNumber()).kind("FOLLOW_UP").subject("差评回访整改：" + f.title()).content(content)
                .callerName(f.applicantName()).callerPhone(f.phone()).callerIdNumber(f.applicantIdNumber())
                .department(f.department()).caseNumber(f.caseNumber()).status(WorkOrderStatus.RECEIVED).receivedAt(now)
                .respondBy(now.plus(properties.respondWithin()))
                .callBackBy(calendar.addWorkingDays(today, properties.callBackDays()))
                .finishBy(calendar.addWorkingDays(today, properties.rectifyDays()))
                .dispatchRound(1)
                .build();
        store.insert(o);
        store.addEvent(o.orderNumber(), now, "RECEIVED", "差评回访整改工单，派往 " + registry.title(o.department()),
                "platform");
        dispatch(o);
        return o.orderNumber();
    }

    /** Sends the order to its department's intake, if it has one; otherwise the department fetches it. */
    private void dispatch(WorkOrder o) {
        if (registry.find(o.department(), properties.intakeService()).isEmpty()) {
            return;
        }
        ObjectNode request = json.createObjectNode()
                .put("orderNumber", o.orderNumber())
                .put("kind", o.kind())
                .put("subject", o.subject())
                .put("content", o.content())
                .put("callerName", o.callerName())
                .put("respondBy", BeijingTime.seconds(o.respondBy()))
                .put("finishBy", o.finishBy().toString());
        if (o.callerPhone() != null) {
            request.put("callerPhone", o.callerPhone());
        }
        if (o.caseNumber() != null) {
            request.put("caseNumber", o.caseNumber());
        }
        sends.queue(o.dispatchKey(), o.department(), properties.intakeService(), request, o.caseNumber());
    }

    /**
     * A department's word on its order (inside its notice's transaction).
     *
     * @throws WorkOrderFailure the order does not exist, is another department's, or cannot move that way
     */
    public void act(String department, String orderNumber, Action action, String handler, String text,
                    String transferTo, Instant at) {
        WorkOrder o = store.lock(orderNumber).orElseThrow(() -> WorkOrderFailure.notFound(orderNumber));
        if (!o.department().equals(department)) {
            throw new WorkOrderFailure(HttpStatus.FORBIDDEN, "WORK_ORDER_OF_ANOTHER_DEPARTMENT", "该工单不由本部门办理",
                    "work order " + orderNumber + " is " + o.department() + "'s");
        }
        if (o.status() == WorkOrderStatus.FINISHED) {
            throw WorkOrderFailure.conflict("工单已办结", "work order " + orderNumber + " is finished");
        }
        Instant when = at == null || at.isAfter(clock.instant()) ? clock.instant() : at;
        String actor = "department:" + department + (handler == null ? "" : ":" + handler);
        switch (action) {
            case ACKNOWLEDGED -> acknowledge(o, handler, when, actor);
            case CALLED_BACK -> calledBack(o, text, when, actor);
            case RECTIFIED -> rectified(o, text, when, actor);
            case FINISHED -> finish(o, text, when, actor);
            case TRANSFER_REQUESTED -> askForTransfer(o, text, transferTo, when, actor);
        }
    }

    /** 响应: the department names who handles it; after the response deadline it is recorded as late. */
    private void acknowledge(WorkOrder o, String handler, Instant when, String actor) {
        if (o.status() != WorkOrderStatus.RECEIVED) {
            throw WorkOrderFailure.conflict("工单已响应", "work order " + o.orderNumber() + " was acknowledged already");
        }
        require(handler, "请填写承办人", "an acknowledgement names its handler");
        boolean late = o.responseLate() || when.isAfter(o.respondBy());
        store.responded(o.orderNumber(), when, handler, late);
        store.addEvent(o.orderNumber(), when, "RESPONDED", "承办人：" + handler + (late ? "（超时响应）" : ""), actor);
        outcome(o, "RESPONDED", handler, null, when);
    }

    /** 回访: what the applicant was told, late after the call-back day. */
    private void calledBack(WorkOrder o, String text, Instant when, String actor) {
        requireResponded(o);
        require(text, "请填写回访情况", "a call-back says what the applicant was told");
        boolean late = o.callBackBy() != null && day(when).isAfter(o.callBackBy());
        store.calledBack(o.orderNumber(), when, late);
        store.addEvent(o.orderNumber(), when, "CALLED_BACK", text, actor);
    }

    /** 整改: what the department changed. */
    private void rectified(WorkOrder o, String text, Instant when, String actor) {
        requireResponded(o);
        require(text, "请填写整改情况", "a rectification says what was changed");
        store.rectified(o.orderNumber(), when);
        store.addEvent(o.orderNumber(), when, "RECTIFIED", text, actor);
    }

    /** 办结: the written reply; a follow-up only after its call-back; late after the finishing day. */
    private void finish(WorkOrder o, String text, Instant when, String actor) {
        requireResponded(o);
        require(text, "请填写答复意见", "finishing an order is its written reply");
        if (o.isFollowUp() && o.calledBackAt() == null) {
            throw WorkOrderFailure.conflict("请先回访申请人", "a follow-up is finished only after the call-back");
        }
        boolean late = o.finishLate() || day(when).isAfter(o.finishBy());
        store.finished(o.orderNumber(), text, when, late);
        store.addEvent(o.orderNumber(), when, "FINISHED", text, actor);
        outcome(o, "FINISHED", o.handler(), text, when);
    }

    /** 申请转办/退回: the reason, and the department it should go to if the department knows one. */
    private void askForTransfer(WorkOrder o, String text, String transferTo, Instant when, String actor) {
        require(text, "请说明转办理由", "a transfer request gives its reason");
        String suggested = transferTo == null ? null : registry.departmentNamed(transferTo).orElseThrow(() ->
                WorkOrderFailure.invalid("建议承办单位不在平台上", "no department '" + transferTo + "'"));
        store.transferRequested(o.orderNumber(), suggested, text);
        store.addEvent(o.orderNumber(), when, "TRANSFER_REQUESTED", text
                + (suggested == null ? "" : "（建议转 " + registry.title(suggested) + "）"), actor);
    }

    /**
     * The platform's dispatcher decides a transfer request: to another department (the order starts again there,
     * with a new response deadline; what was late stays late), or back to the department that asked.
     */
    public void decideTransfer(String orderNumber, boolean approve, String toDepartment, String note, String dispatcher) {
        tx.executeWithoutResult(status -> {
            WorkOrder o = store.lock(orderNumber).orElseThrow(() -> WorkOrderFailure.notFound(orderNumber));
            if (o.status() != WorkOrderStatus.TRANSFER_REQUESTED) {
                throw WorkOrderFailure.conflict("该工单没有待决定的转办申请", "work order " + orderNumber
                        + " has no transfer request to decide");
            }
            Instant now = clock.instant();
            if (!approve) {
                WorkOrderStatus back = o.respondedAt() == null ? WorkOrderStatus.RECEIVED : WorkOrderStatus.RESPONDED;
                store.transferRefused(orderNumber, back);
                store.addEvent(orderNumber, now, "TRANSFER_REFUSED", note == null ? "转办申请不予同意" : note,
                        "dispatcher:" + dispatcher);
                return;
            }
            String to = toDepartment != null ? registry.departmentNamed(toDepartment).orElse(null) : o.transferTo();
            if (to == null || to.equals(o.department()) || to.equals(properties.hotline())) {
                throw WorkOrderFailure.invalid("请选择新的承办单位", "a transfer needs another department on the exchange");
            }
            Instant respondBy = now.plus(properties.respondWithin());
            store.transferred(orderNumber, to, respondBy);
            store.addEvent(orderNumber, now, "TRANSFERRED", "转办至 " + registry.title(to)
                    + (note == null ? "" : "：" + note), "dispatcher:" + dispatcher);
            dispatch(store.find(orderNumber).orElseThrow());
        });
    }

    /** The caller's satisfaction: the hotline's call back (回访), or the applicant's follow-up rating (追评). */
    public void satisfaction(String orderNumber, int level, String by) {
        if (level < 1 || level > 5) {
            throw WorkOrderFailure.invalid("满意度不正确", "satisfaction is 1 (very dissatisfied) to 5 (very satisfied)");
        }
        WorkOrder o = store.lock(orderNumber).orElseThrow(() -> WorkOrderFailure.notFound(orderNumber));
        if (o.status() != WorkOrderStatus.FINISHED) {
            throw WorkOrderFailure.conflict("工单办结后才能评价", "work order " + orderNumber + " is not finished");
        }
        if (o.satisfaction() != null) {
            throw WorkOrderFailure.conflict("已评价过", "work order " + orderNumber + " was rated already");
        }
        store.satisfaction(orderNumber, level);
        store.addEvent(orderNumber, clock.instant(), "SATISFACTION", String.valueOf(level), by);
    }

    public Optional<WorkOrder> find(String orderNumber) {
        return store.find(orderNumber);
    }

    public Optional<WorkOrder> followUpOf(String caseNumber) {
        return store.bySource("RATING", caseNumber);
    }

    public Optional<WorkOrder> fromHotlineNumber(String hotlineNumber) {
        return store.bySource("HOTLINE", hotlineNumber);
    }

    List<WorkOrder> list(String department, String callerIdNumber, boolean openOnly, int limit) {
        return store.list(department, callerIdNumber, openOnly, limit);
    }

    List<WorkOrderStore.Event> history(String orderNumber) {
        return store.events(orderNumber);
    }

    /** A hotline order's news goes back to the hotline (acknowledged, finished), once each. */
    private void outcome(WorkOrder o, String stage, String handler, String reply, Instant at) {
        if (!"HOTLINE".equals(o.source()) || registry.find(properties.hotline(), properties.outcomeService()).isEmpty()) {
            return;
        }
        ObjectNode request = json.createObjectNode()
                .put("hotlineNumber", o.sourceRef())
                .put("orderNumber", o.orderNumber())
                .put("stage", stage)
                .put("department", registry.title(o.department()))
                .put("at", BeijingTime.seconds(at));
        if (handler != null) {
            request.put("handler", handler);
        }
        if (reply != null) {
            request.put("reply", reply);
        }
        sends.queue("work-order-outcome/" + o.orderNumber() + "/" + stage, properties.hotline(),
                properties.outcomeService(), request, null);
    }

    /**
     * Looks at the deadlines: escalates (督办) an order whose response deadline is within {@code escalate-before}
     * or whose finishing day has come, and records as late for good an order past either, or a follow-up not called
     * back in time.
     */
    @Scheduled(fixedDelayString = "${tongban.work-orders.watch-every:10s}")
    public void watch() {
        Instant now = clock.instant();
        LocalDate today = day(now);
        List<String> due;
        try {
            due = store.toWatch(now.plus(properties.escalateBefore()), today, 500);
        } catch (DataAccessException databaseDown) {
            LOG.warn("work-order deadlines cannot be watched now: {}", databaseDown.getMessage());
            return;
        }
        for (String number : due) {
            try {
                tx.executeWithoutResult(status -> store.lock(number).ifPresent(o -> look(o, now, today)));
            } catch (DataAccessException databaseDown) {
                LOG.warn("work order {} cannot be watched now: {}", number, databaseDown.getMessage());
                return;
            }
        }
    }

    private void look(WorkOrder o, Instant now, LocalDate today) {
        if (!o.isOpen()) {
            return;
        }
        if (o.status() == WorkOrderStatus.RECEIVED) {
            if (o.escalated() == null && !now.isBefore(o.respondBy().minus(properties.escalateBefore()))) {
                store.escalatedForResponse(o.orderNumber(), now);
                store.addEvent(o.orderNumber(), now, "ESCALATED", "督办：响应时限 " + BeijingTime.seconds(o.respondBy())
                        + " 将到，请立即签收", "platform");
            }
            if (!o.responseLate() && now.isAfter(o.respondBy())) {
                store.responseLate(o.orderNumber());
                store.addEvent(o.orderNumber(), now, "RESPONSE_LATE", "超过响应时限未签收", "platform");
            }
        }
        if (o.callBackBy() != null && o.calledBackAt() == null && !o.callBackLate() && today.isAfter(o.callBackBy())) {
            store.callBackLate(o.orderNumber());
            store.addEvent(o.orderNumber(), now, "CALL_BACK_LATE", "超过回访时限（" + o.callBackBy() + "）", "platform");
        }
        if (!today.isBefore(o.finishBy()) && !"FINISH".equals(o.escalated())) {
            store.escalatedForFinish(o.orderNumber(), now);
            store.addEvent(o.orderNumber(), now, "ESCALATED", "督办：办理时限 " + o.finishBy() + " 已到", "platform");
        }
        if (!o.finishLate() && today.isAfter(o.finishBy())) {
            store.finishLate(o.orderNumber());
            store.addEvent(o.orderNumber(), now, "FINISH_LATE", "超过办理时限（" + o.finishBy() + "）未办结", "platform");
        }
    }

    /** Open orders by department: open, escalated, late (for the gauges and the ops console). */
    public Map<String, long[]> openByDepartment() {
        Map<String, long[]> figures = new TreeMap<>();
        for (Object[] row : store.openByDepartment()) {
            figures.put((String) row[0], new long[]{(Long) row[1], (Long) row[2], (Long) row[3]});
        }
        return figures;
    }

    private static void requireResponded(WorkOrder o) {
        if (o.status() == WorkOrderStatus.RECEIVED) {
            throw WorkOrderFailure.conflict("请先签收工单并确定承办人", "work order " + o.orderNumber()
                    + " must be acknowledged first");
        }
    }

    private static void require(String value, String words, String detail) {
        if (value == null || value.isBlank()) {
            throw WorkOrderFailure.invalid(words, detail);
        }
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, BeijingTime.ZONE);
    }
}
