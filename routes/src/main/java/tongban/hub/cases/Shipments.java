package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.hub.exchange.async.Submission;
import tongban.hub.exchange.async.SubmissionService;
import tongban.hub.exchange.callbacks.NoticeListener;
import tongban.hub.messagelog.MessageLog;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.web.BeijingTime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * 审批结果邮寄: once a case whose applicant chose delivery by post is approved, its order goes to the carrier through
 * the asynchronous exchange — under the key {@code post/<case>}, so however often and by however many hubs it is
 * looked at, one submission, and the carrier gets the case number as its order number. A carrier that is down
 * leaves the order retried, then on the dead letters until an operator replays it: made once when the carrier is
 * back. The waybill comes back with the order; each tracking step comes as the carrier's own notice (only from the
 * carrier's own client), kept once however often it is repeated; a returned parcel, or an order the carrier
 * refuses, is put before the case's window to follow up.
 */
@Component
class Shipments implements NoticeListener {

    private static final Logger LOG = LoggerFactory.getLogger(Shipments.class);
    static final String SERVICE = "create-shipment";
    private static final Map<String, String> STEPS = Map.of("COLLECTED", "已揽收", "IN_TRANSIT", "运输中",
            "OUT_FOR_DELIVERY", "派送中", "DELIVERED", "已签收", "RETURNED", "已退回");

    private final DeliveryStore deliveries;
    private final CaseStore cases;
    private final PlatformCalls calls;
    private final SubmissionService submissions;
    private final CasesProperties properties;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    Shipments(DeliveryStore deliveries, CaseStore cases, PlatformCalls calls, SubmissionService submissions,
              CasesProperties properties, TransactionTemplate tx, ObjectMapper json) {
        this.deliveries = deliveries;
        this.cases = cases;
        this.calls = calls;
        this.submissions = submissions;
        this.properties = properties;
        this.tx = tx;
        this.json = json;
    }

    /** The words of a tracking step: 已揽收, 运输中, 派送中, 已签收, 已退回. */
    static String words(String step) {
        return STEPS.getOrDefault(step, step);
    }

    @Scheduled(initialDelayString = "5s", fixedDelayString = "${tongban.cases.shipment-interval:2s}")
    void sweep() {
        try {
            deliveries.toShip(100).forEach(this::order);
            deliveries.sent(200).forEach(this::hear);
        } catch (DataAccessException databaseDown) {
            LOG.warn("shipments cannot be looked at now: {}", databaseDown.getMessage());
        }
    }

    private void order(String caseNumber) {
        CaseRecord c = cases.find(caseNumber).orElse(null);
        DeliveryStore.Stored stored = deliveries.find(caseNumber).orElse(null);
        if (c == null || stored == null) {
            return;
        }
        Delivery d = stored.delivery();
        ObjectNode request = json.createObjectNode().put("caseNumber", caseNumber).put("recipient", d.recipient())
                .put("phone", d.phone()).put("province", d.province()).put("city", d.city())
                .put("district", d.district()).put("address", d.address())
                .put("contents", cut(c.title() + " 办理结果", 100));
        SubmissionService.Accepted accepted;
        try {
            accepted = calls.submit(c, properties.carrier(), SERVICE, request, "post/" + caseNumber);
        } catch (ExchangeFailure | MessageLog.MessageLogUnavailable notNow) {
            LOG.info("the result of case {} waits to be posted: {}", caseNumber, notNow.getMessage());
            return;
        }
        tx.executeWithoutResult(status -> {
            if (deliveries.sent(caseNumber, accepted.submission().id())) {
                cases.addEvent(caseNumber, Instant.now(), c.status(), "办理结果已交邮政寄送（政务专递）", "platform",
                        accepted.submission().requestId());
            }
        });
    }

    /** How the order fared: the waybill back, or refused by the carrier; still going, or on the dead letters: wait. */
    private void hear(String caseNumber) {
        DeliveryStore.Stored stored = deliveries.find(caseNumber).orElse(null);
        if (stored == null || stored.submissionId() == null) {
            return;
        }
        Submission s = submissions.find(stored.submissionId()).orElse(null);
        if (s == null || !s.status().isFinal() || s.status() == Submission.Status.DEAD_LETTERED) {
            return;
        }
        CaseRecord c = cases.find(caseNumber).orElseThrow();
        tx.executeWithoutResult(status -> {
            if (s.status() == Submission.Status.SUCCEEDED) {
                String waybill = read(s.resultBody()).path("data").path("waybillNo").asText(null);
                if (deliveries.created(caseNumber, waybill, LocalDate.now(BeijingTime.ZONE))) {
                    cases.addEvent(caseNumber, Instant.now(), c.status(), "邮政已受理寄送，运单号 " + waybill,
                            "department:" + properties.carrier(), s.requestId());
                }
                return;
            }
            String problem = s.status() == Submission.Status.FAILED
                    ? read(s.resultBody()).path("detail").asText("邮政未受理寄送") : "邮寄订单未能提交，请到窗口领取";
            if (deliveries.failed(caseNumber, problem)) {
                cases.addEvent(caseNumber, Instant.now(), c.status(), "邮寄未成功：" + problem + "；窗口将与您联系",
                        "department:" + properties.carrier(), s.requestId());
            }
        });
    }

    /** A tracking step of the carrier's: {@code caseNumber}, {@code step}, {@code place}, {@code note}, {@code changedAt}. */
    @Override
    public String received(String department, String callback, ObjectNode event) {
        JsonNode data = event.path("data");
        if (!data.hasNonNull("step") || !data.hasNonNull("caseNumber")) {
            return null; // not a parcel's step
        }
        String caseNumber = data.path("caseNumber").asText();
        if (!department.equals(properties.carrier())) {
            throw new CaseFailure(HttpStatus.FORBIDDEN, "CASE_OF_ANOTHER_DEPARTMENT", "寄递轨迹只由承运方推送",
                    "tracking steps come from the carrier " + properties.carrier() + " only");
        }
        DeliveryStore.Stored stored = deliveries.find(caseNumber).filter(d -> d.waybillNo() != null)
                .orElseThrow(() -> new CaseFailure(HttpStatus.NOT_FOUND, "UNKNOWN_CASE", "没有这个邮件",
                        "no parcel was posted for case " + caseNumber));
        String waybill = NoticeListener.text(data, "waybillNo");
        if (waybill != null && !waybill.equals(stored.waybillNo())) {
            throw CaseFailure.invalid("运单号与订单不符", "case " + caseNumber + " went as waybill "
                    + stored.waybillNo() + ", not " + waybill);
        }
        String step = data.path("step").asText();
        Instant at = NoticeListener.changedAt(data, Instant.now());
        if (!deliveries.addStep(caseNumber, new DeliveryStore.Step(step, at, NoticeListener.text(data, "place"),
                NoticeListener.text(data, "note")))) {
            return caseNumber; // the same step again: nothing changes
        }
        CaseRecord c = cases.find(caseNumber).orElseThrow();
        if ("DELIVERED".equals(step) || "RETURNED".equals(step)) {
            deliveries.parcel(caseNumber, step, "RETURNED".equals(step) ? NoticeListener.text(data, "note") : null);
        }
        cases.addEvent(caseNumber, at, c.status(), "邮件" + words(step) + (data.hasNonNull("place")
                ? "（" + data.path("place").asText() + "）" : ""), "department:" + department,
                event.path("requestId").asText(null));
        return caseNumber;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private JsonNode read(String stored) {
        try {
            return stored == null ? json.createObjectNode() : json.readTree(stored);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
