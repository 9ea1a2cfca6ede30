package tongban.hub.ratings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.hub.cases.CaseRecord;
import tongban.hub.cases.CaseStatus;
import tongban.hub.cases.Cases;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.sends.PlatformSends;
import tongban.hub.web.BeijingTime;
import tongban.hub.workorders.WorkOrder;
import tongban.hub.workorders.WorkOrderStatus;
import tongban.hub.workorders.WorkOrders;
import tongban.sso.identity.Caller;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ratings (好差评): one per finished case, by its applicant only — in the portal, on the receipt's QR code, through a
 * department portal, or by window staff with the applicant present (recorded as such) — and one follow-up rating
 * (追评) after a bad rating's follow-up was answered. A bad rating opens that follow-up for the department that
 * handled the case in the same transaction; every rating goes to the provincial rating system through the
 * asynchronous exchange once committed (never lost while it is down, never sent twice).
 */
@Service
public class Ratings {

    public static final String RATING = "RATING";
    public static final String FOLLOW_UP = "FOLLOW_UP";

    /** What the rater says. */
    public record Request(int level, Map<String, Integer> indicators, String comment, String applicantIdNumber,
                          boolean viaQrCode) {
    }

    private final Cases cases;
    private final WorkOrders orders;
    private final RatingStore store;
    private final PlatformSends sends;
    private final ServiceRegistry registry;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final String portalClient;
    private final String provincialDepartment;
    private final String provincialService;

    Ratings(Cases cases, WorkOrders orders, RatingStore store, PlatformSends sends, ServiceRegistry registry,
            TransactionTemplate tx, ObjectMapper json, Clock clock,
            @Value("${tongban.portal.client-id:tongban-portal}") String portalClient,
            @Value("${tongban.ratings.provincial-department:provincial-rating}") String provincialDepartment,
            @Value("${tongban.ratings.provincial-service:rating}") String provincialService) {
        this.cases = cases;
        this.orders = orders;
        this.store = store;
        this.sends = sends;
        this.registry = registry;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.portalClient = portalClient;
        this.provincialDepartment = provincialDepartment;
        this.provincialService = provincialService;
    }

    /**
     * Rates a case ({@code kind} RATING) or follows a bad rating up ({@code kind} FOLLOW_UP).
     *
     * @throws RatingFailure who may not rate, what is not ratable, what is invalid
     */
    public Rating rate(Caller caller, String caseNumber, String kind, Request request) {
        CaseRecord c = cases.record(caseNumber).orElseThrow(() -> notFound(caseNumber));
        String ratedBy = rater(caller, c, request);
        if (c.parentNumber() != null) {
            throw RatingFailure.conflict("RATE_THE_BUNDLE", "请对“一件事”整体评价",
                    "case " + caseNumber + " is a part of " + c.parentNumber() + ": the one thing is rated as a whole");
        }
        if (c.status() != CaseStatus.FINISHED) {
            throw RatingFailure.conflict("CASE_NOT_FINISHED", "办件办结后才能评价", "case " + caseNumber + " is not finished");
        }
        RatingLevel level = RatingLevel.of(request.level()).orElseThrow(() -> RatingFailure.invalid(
                "请选择评价等级", "level must be 1 (非常不满意) to 5 (非常满意)"));
        Map<String, Integer> indicators = indicators(c, request.indicators(), level);
        String comment = comment(request.comment());
        String channel = caller.isStaff() ? "WINDOW" : portalClient.equals(caller.clientId())
                ? (request.viaQrCode() ? "MOBILE" : "ONLINE") : "PORTAL";
        String department = cases.handledBy(c);
        if (department == null) {
            throw new IllegalStateException("case " + caseNumber + " has no department that handled it");
        }
        try {
            return rateOnce(caller, c, kind, level, indicators, comment, channel, ratedBy, department);
        } catch (DuplicateKeyException sameMomentElsewhere) {
            throw alreadyRated(caseNumber); // the same case rated at the same moment by another request: that one counts
        }
    }

    private Rating rateOnce(Caller caller, CaseRecord c, String kind, RatingLevel level, Map<String, Integer> indicators,
                            String comment, String channel, String ratedBy, String department) {
        String caseNumber = c.caseNumber();
        return tx.execute(status -> {
            Instant now = clock.instant();
            String workOrder = null;
            if (RATING.equals(kind)) {
                if (store.find(caseNumber, RATING).isPresent()) {
                    throw alreadyRated(caseNumber);
                }
                if (level.isBad()) {
                    workOrder = orders.followUp(new WorkOrders.FollowUp(caseNumber, c.title(), department,
                            c.applicantName(), c.applicantIdNumber(), phone(c), level.words(), comment));
                }
            } else {
                Rating first = store.find(caseNumber, RATING).filter(r -> r.level().isBad()).orElseThrow(() ->
                        RatingFailure.conflict("FOLLOW_UP_NOT_OPEN", "只有差评经整改答复后才能追评",
                                "case " + caseNumber + " has no bad rating to follow up"));
                WorkOrder order = orders.find(first.workOrder()).filter(o -> o.status() == WorkOrderStatus.FINISHED)
                        .orElseThrow(() -> RatingFailure.conflict("FOLLOW_UP_NOT_OPEN", "部门答复后才能追评",
                                "the follow-up of case " + caseNumber + " has not been answered yet"));
                if (store.find(caseNumber, FOLLOW_UP).isPresent()) {
                    throw alreadyRated(caseNumber);
                }
                orders.satisfaction(order.orderNumber(), level.value(), "applicant");
                workOrder = order.orderNumber();
            }
            Rating rating = new Rating(caseNumber, kind, level, indicators, comment, channel, caller.clientId(),
                    ratedBy, c.applicantIdNumber(), department, c.serviceWindow(), now, workOrder);
            if (!store.insert(rating)) {
                throw alreadyRated(caseNumber);
            }
            sends.queue("rating/" + caseNumber + "/" + kind, provincialDepartment, provincialService,
                    forProvince(c, rating), caseNumber);
            return rating;
        });
    }

    /** The case's ratings, for whoever may see the case: its applicant, its window's staff, operators. */
    public List<Rating> of(Caller caller, String caseNumber) {
        CaseRecord c = cases.record(caseNumber).orElseThrow(() -> notFound(caseNumber));
        boolean applicant = caller.isCitizen() && c.applicantIdNumber().equals(caller.idNumber());
        boolean window = caller.isStaff() && c.atWindow(caller.serviceWindow());
        if (!applicant && !window && !caller.hasRole(Caller.OPS)) {
            throw notFound(caseNumber);
        }
        return store.ofCase(caseNumber);
    }

    /** What the applicant may do now: rate, follow up, or nothing. */
    public Optional<String> due(Caller caller, String caseNumber) {
        CaseRecord c = cases.record(caseNumber).orElse(null);
        if (c == null || c.status() != CaseStatus.FINISHED || c.parentNumber() != null) {
            return Optional.empty();
        }
        boolean applicant = caller.isCitizen() && c.applicantIdNumber().equals(caller.idNumber());
        boolean window = caller.isStaff() && c.atWindow(caller.serviceWindow());
        if (!applicant && !window) {
            return Optional.empty();
        }
        List<Rating> given = store.ofCase(caseNumber);
        if (given.isEmpty()) {
            return Optional.of(RATING);
        }
        if (!applicant) {
            return Optional.empty(); // the follow-up rating is the applicant's own, after reading the reply
        }
        Rating first = given.get(0);
        boolean followUpOpen = first.level().isBad() && given.size() == 1 && first.workOrder() != null
                && orders.find(first.workOrder()).filter(o -> o.status() == WorkOrderStatus.FINISHED).isPresent();
        return followUpOpen ? Optional.of(FOLLOW_UP) : Optional.empty();
    }

    /** A department's name as people know it. */
    public String departmentName(String department) {
        return registry.title(department);
    }

    /** The follow-up a bad rating of the case opened, if any. */
    public Optional<WorkOrder> followUp(String caseNumber) {
        return orders.followUpOf(caseNumber);
    }

    /**
     * Only the applicant rates: the applicant themselves (their id number is the case's), or window staff of the
     * case's window with the applicant present, who confirms it by the applicant's id number.
     */
    private static String rater(Caller caller, CaseRecord c, Request request) {
        if (caller.isStaff()) {
            if (!c.atWindow(caller.serviceWindow())) {
                throw RatingFailure.forbidden("CASE_NOT_AT_YOUR_WINDOW", "该办件不由本窗口办理",
                        "case " + c.caseNumber() + " is handled at another window");
            }
            if (!c.applicantIdNumber().equals(request.applicantIdNumber())) {
                throw RatingFailure.forbidden("APPLICANT_NOT_PRESENT", "请核对在场申请人的身份证号",
                        "staff rate on the applicant's behalf only with the applicant present: give their id number");
            }
            return "staff:" + caller.username();
        }
        if (caller.isCitizen() && c.applicantIdNumber().equals(caller.idNumber())) {
            return caller.subject();
        }
        if (caller.isCitizen()) {
            throw notFound(c.caseNumber());
        }
        throw RatingFailure.forbidden("NOT_THE_APPLICANT", "只有申请人可以评价", "only the case's applicant rates it");
    }

    private static Map<String, Integer> indicators(CaseRecord c, Map<String, Integer> given, RatingLevel level) {
        Map<String, String> scheme = Indicators.forChannel(c.channel());
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("overall", level.value());
        if (given != null) {
            given.forEach((name, value) -> {
                if (!scheme.containsKey(name) && !"overall".equals(name)) {
                    throw RatingFailure.invalid("评价指标不正确", "'" + name + "' is not an indicator of this service ("
                            + scheme.keySet() + ")");
                }
                if (value == null || value < 1 || value > 5) {
                    throw RatingFailure.invalid("请为每项指标选择 1 到 5 分", name + " must be 1..5");
                }
                if (!"overall".equals(name)) {
                    out.put(name, value);
                }
            });
        }
        return out;
    }

    /** The comment as plain text: kept as written (pages escape it), without control characters, at most 500. */
    private static String comment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        String text = comment.strip();
        if (text.codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\r' && cp != '\t')) {
            throw RatingFailure.invalid("评价内容含有不可见字符", "the comment contains control characters");
        }
        if (text.codePointCount(0, text.length()) > 500) {
            throw RatingFailure.invalid("评价内容不能超过 500 字", "the comment is longer than 500 characters");
        }
        return text;
    }

    private String phone(CaseRecord c) {
        try {
            JsonNode form = json.readTree(c.formJson());
            String phone = form.path("phone").asText("");
            return phone.isBlank() ? null : phone;
        } catch (IOException e) {
            return null;
        }
    }

    private ObjectNode forProvince(CaseRecord c, Rating r) {
        ObjectNode request = json.createObjectNode()
                .put("caseNumber", c.caseNumber())
                .put("kind", r.kind())
                .put("itemCode", c.itemCode() != null ? c.itemCode() : c.bundle())
                .put("itemName", c.title())
                .put("department", registry.title(r.department()))
                .put("channel", r.channel())
                .put("level", r.level().value())
                .put("ratedAt", BeijingTime.seconds(r.ratedAt()));
        r.indicators().forEach((name, value) -> {
            if (!"overall".equals(name)) {
                request.put(name, value);
            }
        });
        if (r.comment() != null) {
            request.put("comment", r.comment());
        }
        return request;
    }

    private static RatingFailure notFound(String caseNumber) {
        return new RatingFailure(HttpStatus.NOT_FOUND, "CASE_NOT_FOUND", "没有找到办件 " + caseNumber,
                "there is no case " + caseNumber + " that you may see");
    }

    private static RatingFailure alreadyRated(String caseNumber) {
        return RatingFailure.conflict("ALREADY_RATED", "该办件已评价过", "case " + caseNumber + " was rated already");
    }
}
