package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.hub.exchange.async.Submission;
import tongban.hub.exchange.async.SubmissionService;
import tongban.hub.messagelog.MessageLog;
import tongban.hub.problem.ExchangeFailure;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends parts to their departments and hears how the sending went. A part ready to go has its shared materials
 * fetched (each only under a standing consent), then is queued on the asynchronous exchange under the key
 * {@code <case>/<round>} — so a part looked at twice, by two hubs or after a crash, is still queued once. Once the
 * exchange has delivered it, the department's own application number is kept; if the department refused it at the
 * door, the case is not accepted with the department's words. Runs on a schedule and right after an application.
 */
@Component
class CaseDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CaseDispatcher.class);

    private final CaseStore store;
    private final CaseProgress progress;
    private final Applications applications;
    private final PlatformCalls calls;
    private final SubmissionService submissions;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "case-dispatch");
        t.setDaemon(true);
        return t;
    });
    /**
     * The parts in hand, several at once: sending one is mostly waiting (for the department's own data, for the
     * message log's commit), and parts sent together share the log's group commit.
     */
    private final ExecutorService parts = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "case-dispatch-part");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean asked = new AtomicBoolean();

    CaseDispatcher(CaseStore store, CaseProgress progress, Applications applications, PlatformCalls calls,
                   SubmissionService submissions, TransactionTemplate tx, ObjectMapper json) {
        this.store = store;
        this.progress = progress;
        this.applications = applications;
        this.calls = calls;
        this.submissions = submissions;
        this.tx = tx;
        this.json = json;
    }

    /** Looks at the parts to send now, on the dispatcher's own thread (one look at a time, however often asked). */
    void soon() {
        if (asked.compareAndSet(false, true)) {
            soon.execute(() -> {
                asked.set(false);
                sweep();
            });
        }
    }

    /** Parts became ready (an earlier part finished, a correction was answered): look at them now. */
    @EventListener
    void partsReady(CaseProgress.PartsReady ready) {
        soon();
    }

    @PreDestroy
    void stop() {
        soon.shutdownNow();
        parts.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${tongban.cases.dispatch-interval:1s}")
    void sweep() {
        List<String> found;
        try {
            found = store.toDispatch(200);
        } catch (DataAccessException databaseDown) {
            LOG.warn("cases cannot be dispatched now: {}", databaseDown.getMessage());
            return;
        }
        for (String number : found) {
            if (!inHand.add(number)) {
                continue; // already being looked at
            }
            try {
                parts.execute(() -> {
                    try {
                        handle(number);
                    } catch (ExchangeFailure | MessageLog.MessageLogUnavailable waitForIt) {
                        LOG.info("case {} waits to go to its department: {}", number, waitForIt.getMessage());
                    } catch (DataAccessException databaseDown) {
                        LOG.warn("case {} cannot be dispatched now: {}", number, databaseDown.getMessage());
                    } finally {
                        inHand.remove(number);
                    }
                });
            } catch (RejectedExecutionException stopping) {
                inHand.remove(number);
            }
        }
    }

    private void handle(String number) {
        CaseRecord c = store.find(number).orElse(null);
        if (c == null) {
            return;
        }
        if ("READY".equals(c.dispatch())) {
            send(c);
        } else if ("SENT".equals(c.dispatch())) {
            hear(c);
        }
    }

    private void send(CaseRecord c) {
        Applications.Item item = applications.item(c.item()).orElseThrow(() -> new IllegalStateException(
                "case " + c.caseNumber() + " follows item '" + c.item() + "', which is no longer defined"));
        Map<String, CaseStore.Material> fetched = new HashMap<>();
        for (CaseStore.Consent consent : store.consents(c.caseNumber())) {
            if (!consent.standing() || alreadyFetched(c, consent)) {
                continue;
            }
            item.shared(consent.department(), consent.service()).ifPresent(m -> fetched.put(m.material(),
                    fetch(c, m).orElse(new CaseStore.Material(m.material(), "TO_HAND_IN", m.department(),
                            m.service(), null, null, null))));
        }
        ObjectNode request = render(item, c);
        SubmissionService.Accepted accepted = calls.submit(c, item.department(), item.service(), request);
        tx.executeWithoutResult(status -> {
            CaseRecord locked = store.lock(c.caseNumber()).orElseThrow();
            fetched.values().forEach(m -> store.putMaterial(c.caseNumber(), m));
            if (!"READY".equals(locked.dispatch()) || locked.round() != c.round()) {
                return; // withdrawn meanwhile, or another hub was first: the same submission either way
            }
            store.update(locked.dispatched("SENT", accepted.submission().id(), locked.departmentRef(), locked.formJson()));
            List<String> shared = fetched.values().stream().filter(m -> "SHARED".equals(m.source()))
                    .map(CaseStore.Material::material).toList();
            store.addEvent(c.caseNumber(), Instant.now(), locked.status(), shared.isEmpty() ? "已送往部门"
                    : "已送往部门；已通过数据共享获取：" + String.join("、", shared), "platform",
                    accepted.submission().requestId());
        });
    }

    private boolean alreadyFetched(CaseRecord c, CaseStore.Consent consent) {
        return store.materials(c.caseNumber()).stream().anyMatch(m -> "SHARED".equals(m.source())
                && consent.department().equals(m.department()) && consent.service().equals(m.service()));
    }

    /**
     * One shared material, fetched through the exchange under the case (where the case's consent is checked again).
     * A refusal or a record the department does not have leaves the material to be handed in; a department that is
     * down leaves the part waiting.
     */
    private Optional<CaseStore.Material> fetch(CaseRecord c, Applications.SharedMaterial m) {
        ObjectNode request = json.createObjectNode();
        Map<String, JsonNode> values = values(c);
        m.request().forEach((input, template) -> request.set(input, Applications.render(template, values)));
        try {
            PlatformCalls.Fetched answer = calls.call(c, m.department(), m.service(), request);
            return Optional.of(new CaseStore.Material(m.material(), "SHARED", m.department(), m.service(),
                    Instant.now(), answer.requestId(), answer.data().toString()));
        } catch (ExchangeFailure failure) {
            if (failure.status() == HttpStatus.FORBIDDEN || failure.status() == HttpStatus.NOT_FOUND) {
                LOG.info("case {}: {} not fetched ({}); to be handed in", c.caseNumber(), m.material(), failure.code());
                return Optional.empty();
            }
            throw failure;
        }
    }

    private ObjectNode render(Applications.Item item, CaseRecord c) {
        Map<String, JsonNode> values = values(c);
        ObjectNode request = json.createObjectNode();
        item.request().forEach((input, template) -> {
            JsonNode value = Applications.render(template, values);
            if (!value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
                request.set(input, value);
            }
        });
        return request;
    }

    private Map<String, JsonNode> values(CaseRecord c) {
        Map<String, JsonNode> values = new HashMap<>();
        read(c.formJson()).fields().forEachRemaining(e -> values.put("form." + e.getKey(), e.getValue()));
        values.put("case.number", json.getNodeFactory().textNode(c.caseNumber()));
        values.put("applicant.idNumber", json.getNodeFactory().textNode(c.applicantIdNumber()));
        values.put("applicant.name", json.getNodeFactory().textNode(c.applicantName()));
        if (c.actingForUscc() != null) {
            values.put("applicant.creditCode", json.getNodeFactory().textNode(c.actingForUscc()));
        }
        return values;
    }

    /** How the queued part fared at the department's door. */
    private void hear(CaseRecord c) {
        Submission s = submissions.find(c.submissionId()).orElse(null);
        if (s == null || !s.status().isFinal() || s.status() == Submission.Status.DEAD_LETTERED) {
            return; // still on its way, or waiting for an operator on the dead letters
        }
        tx.executeWithoutResult(status -> {
            CaseRecord locked = store.lock(c.caseNumber()).orElseThrow();
            if (!"SENT".equals(locked.dispatch()) || !s.id().equals(locked.submissionId())) {
                return;
            }
            if (s.status() == Submission.Status.SUCCEEDED) {
                JsonNode data = read(s.resultBody()).path("data");
                String ref = data.path("applicationNo").asText(null);
                store.update(locked.dispatched("DELIVERED", locked.submissionId(),
                        ref != null ? ref : locked.departmentRef(), locked.formJson()));
                store.addEvent(c.caseNumber(), Instant.now(), locked.status(), ref == null ? "部门已接收"
                        : "部门已接收，部门申请编号 " + ref, "department:" + locked.department(), s.requestId());
                return;
            }
            String reason = s.status() == Submission.Status.FAILED
                    ? read(s.resultBody()).path("detail").asText("部门未接收申请")
                    : "申请未能送达部门，请联系窗口";
            if (!locked.status().isFinal()) {
                progress.move(locked, new CaseProgress.Step(CaseStatus.NOT_ACCEPTED, null, reason, null, Instant.now(),
                        "department:" + locked.department(), s.requestId()));
            }
        });
    }

    private JsonNode read(String stored) {
        try {
            return stored == null ? json.createObjectNode() : json.readTree(stored);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
