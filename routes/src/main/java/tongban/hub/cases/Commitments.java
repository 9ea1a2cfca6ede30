package tongban.hub.cases;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.web.BeijingTime;
import tongban.sso.identity.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 告知承诺: a case of an item marked commitment-based is approved at once (即办) on the applicant's pledge, which is
 * kept word for word; the department the item names checks the pledge afterwards (事后核查) within its working days.
 * It reports what it found by its notice ({@code checkResult} PASSED or FAILED) or through staff at the case's
 * window; a failed check revokes the approval and the applicant reads why on the case page. A check past its day
 * is escalated (督办) once, counted on {@code tongban_post_checks_overdue} for the alert.
 */
@Service
public class Commitments {

    private static final Logger LOG = LoggerFactory.getLogger(Commitments.class);
    static final String CHECKED = "PASSED";
    static final String FAILED = "FAILED";

    /** A check as the window's page and the department's system see it. */
    public record DueCheck(String caseNumber, String title, String department, String departmentName,
                           LocalDate checkDueOn, boolean overdue, boolean escalated) {
    }

    private final CommitmentStore store;
    private final CaseStore cases;
    private final CaseLog log;
    private final WorkingCalendar calendar;
    private final ServiceRegistry registry;
    private final TransactionTemplate tx;
    private final Clock clock;

    Commitments(CommitmentStore store, CaseStore cases, CaseLog log, WorkingCalendar calendar,
                ServiceRegistry registry, TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.cases = cases;
        this.log = log;
        this.calendar = calendar;
        this.registry = registry;
        this.tx = tx;
        this.clock = clock;
        Gauge.builder("tongban_post_checks_overdue", this, c -> c.store.overdue(c.today()))
                .description("告知承诺 post-checks past their working-day deadline and not reported").register(meters);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), BeijingTime.ZONE);
    }

    /** Approves a just-written case on its pledge and books the check; inside the application's transaction. */
    CaseRecord approveOnPledge(CaseRecord c, Applications.Commitment commitment, Instant at, String actor,
                               String requestId, CaseProgress progress) {
        CaseRecord approved = progress.move(c, new CaseProgress.Step(CaseStatus.FINISHED, CaseStatus.Outcome.APPROVED,
                null, "告知承诺审批", at, "platform:pledge", requestId));
        LocalDate day = LocalDate.ofInstant(at, BeijingTime.ZONE);
        store.insert(c.caseNumber(), commitment.pledge(), at, commitment.checkedBy(),
                calendar.addWorkingDays(day, commitment.checkWithin()));
        return approved;
    }

    /**
     * The department's finding. {@code FAILED} revokes the approval (with the reason the applicant reads);
     * a second report of the same check changes nothing and says so.
     *
     * @return the case number
     */
    String report(String caseNumber, String department, String result, String reason, Instant at, String actor,
                  String requestId) {
        if (!CHECKED.equals(result) && !FAILED.equals(result)) {
            throw CaseFailure.invalid("核查结果应为属实或不属实", "checkResult must be PASSED or FAILED");
        }
        if (FAILED.equals(result) && (reason == null || reason.isBlank())) {
            throw CaseFailure.invalid("核查不属实时请写明理由", "a failed check gives its reason");
        }
        CaseRecord c = cases.lock(caseNumber).orElseThrow(() -> new CaseFailure(HttpStatus.NOT_FOUND, "UNKNOWN_CASE",
                "没有这个办件", "there is no case " + caseNumber));
        CommitmentStore.Pledge pledge = store.find(caseNumber).orElseThrow(() -> new CaseFailure(
                HttpStatus.CONFLICT, "NOT_ON_A_PLEDGE", "该办件不是告知承诺审批", "case " + caseNumber
                + " was not approved on a pledge"));
        if (department != null && !department.equals(pledge.department())) {
            throw new CaseFailure(HttpStatus.FORBIDDEN, "CASE_OF_ANOTHER_DEPARTMENT", "该办件的核查不由本部门负责",
                    "the check of " + caseNumber + " is " + pledge.department() + "'s");
        }
        if (!store.report(caseNumber, CommitmentStore.CheckResult.valueOf(result), at, actor, reason)) {
            if (pledge.result().name().equals(result)) {
                return caseNumber; // the same finding again: nothing changes
            }
            throw new CaseFailure(HttpStatus.CONFLICT, "CHECK_ALREADY_REPORTED", "该办件的核查结果已报送",
                    "the check of " + caseNumber + " was reported " + pledge.result());
        }
        CaseProgress.Step step = new CaseProgress.Step(CaseStatus.FINISHED, FAILED.equals(result)
                ? CaseStatus.Outcome.REVOKED : c.outcome(), reason, null, at, actor, requestId);
        if (FAILED.equals(result)) {
            CaseRecord revoked = c.toBuilder().outcome(CaseStatus.Outcome.REVOKED).reason(reason.strip()).build();
            cases.update(revoked);
            cases.addEvent(caseNumber, at, CaseStatus.FINISHED, "事后核查：承诺不实，撤销审批。" + reason.strip(), actor,
                    requestId);
            log.changed(revoked, step);
            LOG.info("case {} revoked after its post-check by {}", caseNumber, pledge.department());
        } else {
            cases.addEvent(caseNumber, at, CaseStatus.FINISHED, "事后核查：承诺属实" + (reason == null ? ""
                    : "。" + reason.strip()), actor, requestId);
            log.changed(c, step);
        }
        return caseNumber;
    }

    /** Staff of the case's window report the department's finding from the window's page. */
    public void reportAtWindow(Caller caller, String caseNumber, String result, String reason, String requestId) {
        tx.executeWithoutResult(status -> {
            CaseRecord c = cases.find(caseNumber).orElseThrow(() -> CaseFailure.notFound(caseNumber));
            if (!caller.isStaff() || !c.serviceWindow().equals(caller.serviceWindow())) {
                throw CaseFailure.forbidden("CASE_NOT_AT_YOUR_WINDOW", "该办件不在您的窗口",
                        "case " + caseNumber + " is not at this window");
            }
            report(caseNumber, null, result, reason, clock.instant(), "staff:" + caller.username(), requestId);
        });
    }

    /** Checks still due: a department's own (its system), those of the caller's window, or all for operations. */
    public List<DueCheck> due(String department, String window, int limit) {
        LocalDate today = today();
        return store.due(department, limit).stream()
                .map(p -> cases.find(p.caseNumber()).filter(c -> window == null || window.equals(c.serviceWindow()))
                        .map(c -> new DueCheck(p.caseNumber(), c.title(), p.department(),
                                registry.title(p.department()), p.checkDueOn(), today.isAfter(p.checkDueOn()),
                                p.escalatedAt() != null)).orElse(null))
                .filter(Objects::nonNull).toList();
    }

    /** The pledge and its check as the case page shows them, if the case was approved on one. */
    Optional<CommitmentStore.Pledge> of(String caseNumber) {
        return store.find(caseNumber);
    }

    /** Checks past their day and not reported are escalated once (督办) and counted for the alert. */
    @Scheduled(initialDelayString = "20s", fixedDelayString = "${tongban.cases.post-check-sweep:15m}")
    public void escalateOverdue() {
        int escalated = store.escalateOverdue(today(), clock.instant());
        if (escalated > 0) {
            LOG.warn("{} 告知承诺 post-check(s) passed their deadline unreported: escalated", escalated);
        }
    }
}
