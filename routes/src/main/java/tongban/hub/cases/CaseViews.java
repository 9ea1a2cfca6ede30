package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import tongban.adapters.support.ResidentIdNumber;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.halls.Halls;
import tongban.hub.web.BeijingTime;
import tongban.sso.identity.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cases as the API and the pages show them: statuses, outcomes, departments and materials in words, the due date
 * with the working days left, finished early or overdue, the history, the parts and where each material came from.
 * Who may see a case: its applicant, staff of its window, operations.
 */
@Component
public class CaseViews {

    public record Summary(String caseNumber, String title, boolean bundle, String status, String statusWords, String outcome,
                   String outcomeWords, String reason, String department, String departmentName, String channel,
                   String applicantName, String applicantIdNumber, Instant submittedAt, LocalDate acceptedOn,
                   LocalDate dueOn, boolean dueDateProvisional, Integer remainingWorkingDays, Instant finishedAt,
                   Boolean finishedEarly, boolean overdue) {
    }

    public record HistoryLine(Instant at, String status, String statusWords, String note, String by) {
    }

    public record MaterialView(String material, String source, String sourceWords, String department, String departmentName,
                        Instant fetchedAt, String logRequestId, JsonNode content) {
    }

    public record ConsentView(String material, String department, String departmentName, String service, Instant givenAt,
                       Instant revokedAt) {
    }

    public record Detail(Summary summary, String itemCode, String result, String departmentRef, String serviceWindow,
                  String serviceWindowName, String receivedWindow, String receivedWindowName,
                  String actingForName, JsonNode form, List<HistoryLine> history, List<Detail> parts,
                  List<MaterialView> materials, List<ConsentView> consents, PledgeView pledge,
                  DeliveryView delivery) {
    }

    /**
     * How the result reaches the applicant: collected at the hall, or posted — the address whole for the applicant and
     * the case's window, masked for anyone else — with the waybill and each tracking step in words.
     */
    public record DeliveryView(String method, String methodWords, String recipient, String phone, String address,
                               String status, String statusWords, String waybillNo, String problem, boolean followUp,
                               List<TrackingLine> tracking) {
    }

    public record TrackingLine(Instant at, String step, String words, String place, String note) {
    }

    /** 告知承诺: the pledge the case was approved on, and the department's check of it, in words. */
    public record PledgeView(String pledge, Instant pledgedAt, String checkedBy, LocalDate checkDueOn, String result,
                             String resultWords, Instant checkedAt, String reason) {
    }

    private final CaseStore store;
    private final WorkingCalendar calendar;
    private final ServiceRegistry registry;
    private final ObjectMapper json;
    private final CommitmentStore pledges;
    private final Halls halls;
    private final DeliveryStore deliveries;

    CaseViews(CaseStore store, WorkingCalendar calendar, ServiceRegistry registry, ObjectMapper json,
              CommitmentStore pledges, Halls halls, DeliveryStore deliveries) {
        this.deliveries = deliveries;
        this.halls = halls;
        this.pledges = pledges;
        this.store = store;
        this.calendar = calendar;
        this.registry = registry;
        this.json = json;
    }

    /** Whether the caller may see the case (a part: as its bundle's applicant may). */
    boolean maySee(Caller caller, CaseRecord c) {
        if (caller.hasRole(Caller.OPS)) {
            return true;
        }
        if (caller.isStaff()) {
            return c.atWindow(caller.serviceWindow());
        }
        return caller.isCitizen() && caller.idNumber() != null && c.applicantIdNumber().equals(caller.idNumber());
    }

    Optional<Detail> detail(Caller caller, String caseNumber) {
        return store.find(caseNumber).filter(c -> maySee(caller, c)).map(c -> detail(c, caller.isStaff()
                ? c.atWindow(caller.serviceWindow()) : !caller.hasRole(Caller.OPS) || caller.isCitizen()));
    }

    /** The case for its applicant or its window, who act on it: the postal address whole. */
    Detail detail(CaseRecord c) {
        return detail(c, true);
    }

    private Detail detail(CaseRecord c, boolean whole) {
        List<Detail> parts = c.isBundle() ? store.parts(c.caseNumber()).stream().map(p -> detail(p, whole)).toList()
                : List.of();
        return new Detail(summary(c), c.itemCode(), c.resultRef(), c.departmentRef(), c.serviceWindow(),
                halls.windowName(c.serviceWindow()), c.receivedWindow(), halls.windowName(c.receivedWindow()),
                c.actingForName(), read(c.formJson()),
                store.events(c.caseNumber()).stream().map(e -> new HistoryLine(e.at(), e.status().name(),
                        e.status().words(), e.note(), by(e.actor()))).toList(),
                parts,
                store.materials(c.caseNumber()).stream().map(m -> new MaterialView(m.material(), m.source(),
                        "SHARED".equals(m.source()) ? "数据共享获取" : "需提交材料", m.department(),
                        m.department() == null ? null : registry.title(m.department()), m.fetchedAt(),
                        m.logRequestId(), m.content() == null ? null : read(m.content()))).toList(),
                store.consents(c.caseNumber()).stream().map(k -> new ConsentView(k.material(), k.department(),
                        registry.title(k.department()), k.service(), k.givenAt(), k.revokedAt())).toList(),
                pledges.find(c.caseNumber()).map(p -> new PledgeView(p.pledgeText(), p.pledgedAt(),
                        registry.title(p.department()), p.checkDueOn(), p.result().name(), switch (p.result()) {
                            case DUE -> "待核查";
                            case PASSED -> "核查属实";
                            case FAILED -> "核查不属实，审批已撤销";
                        }, p.checkedAt(), p.reason())).orElse(null),
                deliveries.find(c.caseNumber()).map(d -> delivery(d, whole)).orElse(null));
    }

    private DeliveryView delivery(DeliveryStore.Stored stored, boolean whole) {
        Delivery d = stored.delivery();
        List<TrackingLine> tracking = deliveries.steps(stored.caseNumber()).stream().map(t -> new TrackingLine(t.at(),
                t.step(), Shipments.words(t.step()), t.place(), t.note())).toList();
        if (!d.byPost()) {
            return new DeliveryView(Delivery.HALL, "窗口领取", null, null, null, stored.status(), "请到办理窗口领取",
                    null, null, false, tracking);
        }
        String words = switch (stored.status()) {
            case "WAITING" -> "办结后寄出";
            case "SENT" -> "正在下单";
            case "CREATED" -> tracking.isEmpty() ? "已下单，待揽收" : tracking.get(tracking.size() - 1).words();
            case "DELIVERED" -> "已签收";
            case "RETURNED" -> "已退回，窗口将与您联系";
            case "FAILED" -> "邮寄未成功，窗口将与您联系";
            default -> stored.status();
        };
        return new DeliveryView(Delivery.POST, "邮寄送达", whole ? d.recipient() : d.recipient().charAt(0) + "**",
                whole ? d.phone() : d.maskedPhone(), whole ? d.fullAddress() : d.maskedAddress(), stored.status(),
                words, stored.waybillNo(), stored.problem(), stored.followUp(), tracking);
    }

    Summary summary(CaseRecord c) {
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        LocalDate finishedOn = c.finishedAt() == null ? null : LocalDate.ofInstant(c.finishedAt(), BeijingTime.ZONE);
        Integer remaining = c.dueOn() == null || c.status().isFinal() ? null
                : calendar.workingDaysBetween(today, c.dueOn());
        Boolean early = c.status() == CaseStatus.FINISHED && c.dueOn() != null ? finishedOn.isBefore(c.dueOn()) : null;
        boolean overdue = c.dueOn() != null && (c.status() == CaseStatus.FINISHED ? finishedOn.isAfter(c.dueOn())
                : !c.status().isFinal() && today.isAfter(c.dueOn()));
        return new Summary(c.caseNumber(), c.title(), c.isBundle(), c.status().name(), c.status().words(),
                c.outcome() == null ? null : c.outcome().name(), c.outcome() == null ? null : c.outcome().words(),
                c.reason(), c.department(), c.department() == null ? null : registry.title(c.department()),
                c.channel(), c.applicantName(), ResidentIdNumber.mask(c.applicantIdNumber()), c.submittedAt(),
                c.acceptedOn(), c.dueOn(), c.dueOn() != null && !calendar.isPublished(c.dueOn()), remaining,
                c.finishedAt(), early, overdue);
    }

    /** Who did it, in words: the department's name for its notices, 平台 for the platform, else the account. */
    private String by(String actor) {
        if (actor.startsWith("department:")) {
            return registry.title(actor.substring("department:".length()));
        }
        if ("platform".equals(actor)) {
            return "平台";
        }
        return actor.startsWith("staff:") ? "窗口 " + actor.substring(6) : actor;
    }

    private JsonNode read(String stored) {
        try {
            return json.readTree(stored);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    /** A form definition as the API shows it. */
    static Map<String, Object> field(FormField f) {
        return f.choices().isEmpty()
                ? Map.of("name", f.name(), "label", f.label(), "type", f.type())
                : Map.of("name", f.name(), "label", f.label(), "type", f.type(), "choices", f.choices());
    }
}
