package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.web.BeijingTime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a case moves, whoever moves it (its department's notice, window staff, the applicant, the dispatcher): which
 * steps are allowed from where, the due date counted in working days from acceptance (paused while the applicant
 * corrects), and, for a bundle, the parent's one combined status and the parts that may go out once the parts they
 * wait for are done. Every change is one history line; callers hold the case's lock (a transaction).
 */
@Component
class CaseProgress {

    /** Where each status may go next. */
    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            CaseStatus.SUBMITTED, EnumSet.of(CaseStatus.ACCEPTED, CaseStatus.NOT_ACCEPTED, CaseStatus.IN_PROGRESS,
                    CaseStatus.CORRECTION_REQUESTED, CaseStatus.FINISHED, CaseStatus.WITHDRAWN),
            CaseStatus.ACCEPTED, EnumSet.of(CaseStatus.IN_PROGRESS, CaseStatus.CORRECTION_REQUESTED,
                    CaseStatus.FINISHED, CaseStatus.WITHDRAWN),
            CaseStatus.IN_PROGRESS, EnumSet.of(CaseStatus.CORRECTION_REQUESTED, CaseStatus.FINISHED,
                    CaseStatus.WITHDRAWN),
            CaseStatus.CORRECTION_REQUESTED, EnumSet.of(CaseStatus.SUBMITTED, CaseStatus.NOT_ACCEPTED,
                    CaseStatus.WITHDRAWN),
            CaseStatus.NOT_ACCEPTED, EnumSet.noneOf(CaseStatus.class),
            CaseStatus.FINISHED, EnumSet.noneOf(CaseStatus.class),
            CaseStatus.WITHDRAWN, EnumSet.noneOf(CaseStatus.class));

    /** Published once a transaction that made parts ready to go out is committed. */
    record PartsReady() {
    }

    /** A step: where to, with what outcome, reason and result, when, by whom, under which request. */
    record Step(CaseStatus to, CaseStatus.Outcome outcome, String reason, String result, Instant at, String actor,
                String requestId) {
    }

    private final CaseStore store;
    private final Applications applications;
    private final WorkingCalendar calendar;
    private final CaseLog log;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    CaseProgress(CaseStore store, Applications applications, WorkingCalendar calendar, CaseLog log, ObjectMapper json,
                 ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.applications = applications;
        this.calendar = calendar;
        this.log = log;
        this.json = json;
    }

    static boolean allowed(CaseStatus from, CaseStatus to) {
        return NEXT.get(from).contains(to);
    }

    /**
     * Moves a (locked) case one step and, for a part, its bundle with it.
     *
     * @return the case as changed; the same case if the step repeats where it already is
     * @throws CaseFailure 409 when the step is not allowed from where the case is
     */
    CaseRecord move(CaseRecord c, Step step) {
        if (c.status() == step.to() && step.to() != CaseStatus.SUBMITTED
                && Objects.equals(c.outcome(), step.outcome())) {
            return c; // a repeat (the department sent its notice twice under two ids): nothing moves
        }
        if (!allowed(c.status(), step.to())) {
            throw CaseFailure.conflict("办件当前状态为「" + c.status().words() + "」，不能变为「" + step.to().words() + "」",
                    "case " + c.caseNumber() + " is " + c.status() + " and cannot become " + step.to());
        }
        CaseRecord changed = apply(c, step);
        store.update(changed);
        store.addEvent(c.caseNumber(), step.at(), step.to(), note(step), step.actor(), step.requestId());
        log.changed(changed, step);
        if (c.parentNumber() != null) {
            afterPart(changed, step);
        }
        return changed;
    }

    private CaseRecord apply(CaseRecord c, Step step) {
        LocalDate day = LocalDate.ofInstant(step.at(), BeijingTime.ZONE);
        LocalDate accepted = c.acceptedOn();
        LocalDate due = c.dueOn();
        LocalDate correctionSince = c.correctionSince();
        Instant finished = c.finishedAt();
        String reason = step.reason() != null ? step.reason() : c.reason();
        String result = step.result() != null ? step.result() : c.resultRef();
        int round = c.round();
        String dispatch = c.dispatch();
        switch (step.to()) {
            case ACCEPTED, IN_PROGRESS, FINISHED -> {
                if (accepted == null) { // a department may finish an on-the-spot item without a separate acceptance
                    accepted = day;
                    due = c.promisedDays() == null ? null : calendar.dueDate(day, c.promisedDays());
                }
                if (step.to() == CaseStatus.FINISHED) {
                    finished = step.at();
                    if ("READY".equals(dispatch) || "WAITING".equals(dispatch)) {
                        dispatch = "CANCELLED"; // decided before it went out: nothing more to send
                    }
                }
                if (step.to() != CaseStatus.FINISHED) {
                    reason = step.reason();
                }
            }
            case CORRECTION_REQUESTED -> correctionSince = day;
            case SUBMITTED -> { // resubmitted after a correction: the clock did not run while the applicant corrected
                announceReady();
                if (accepted != null && due != null && correctionSince != null) {
                    int paused = calendar.workingDaysBetween(correctionSince, day);
                    due = paused > 0 ? calendar.addWorkingDays(due, paused) : due;
                }
                correctionSince = null;
                reason = null;
                round++;
                dispatch = dispatch == null ? null : "READY";
            }
            case NOT_ACCEPTED, WITHDRAWN -> {
                finished = step.at();
                if (dispatch != null && !"DELIVERED".equals(dispatch)) {
                    dispatch = "CANCELLED"; // never sent, or sent and not yet known to have arrived: no more tries
                }
                if (step.to() == CaseStatus.WITHDRAWN) {
                    reason = step.reason();
                }
            }
        }
        return c.toBuilder().status(step.to()).outcome(step.outcome()).reason(reason).resultRef(result)
                .acceptedOn(accepted).dueOn(due).correctionSince(correctionSince).finishedAt(finished)
                .dispatch(dispatch).round(round)
                .build();
    }

    private static String note(Step step) {
        StringBuilder note = new StringBuilder();
        if (step.outcome() != null) {
            note.append(step.outcome().words());
        }
        if (step.result() != null) {
            note.append(note.isEmpty() ? "" : "；").append("结果：").append(step.result());
        }
        if (step.reason() != null) {
            note.append(note.isEmpty() ? "" : "；").append(step.reason());
        }
        return note.isEmpty() ? null : note.toString();
    }

    /** A part moved: the parts waiting for it may go out (or never will), and the bundle shows where all stand. */
    private void afterPart(CaseRecord part, Step step) {
        CaseRecord parent = store.lock(part.parentNumber()).orElseThrow();
        List<CaseRecord> parts = store.parts(parent.caseNumber());
        if (part.status() == CaseStatus.FINISHED || part.status().isFinal()) {
            release(parent, parts, step);
            parts = store.parts(parent.caseNumber());
        }
        combine(parent, parts, step);
    }

    /** Sends out the waiting parts whose earlier parts are all approved; closes those that can no longer go. */
    private void release(CaseRecord parent, List<CaseRecord> parts, Step step) {
        Applications.Bundle bundle = applications.bundle(parent.bundle()).orElseThrow(() ->
                new IllegalStateException("case " + parent.caseNumber() + " follows bundle '" + parent.bundle()
                        + "', which is no longer defined"));
        for (CaseRecord waiting : parts) {
            if (!"WAITING".equals(waiting.dispatch())) {
                continue;
            }
            Applications.Part definition = bundle.part(waiting.part());
            List<CaseRecord> earlier = parts.stream().filter(p -> definition.after().contains(p.part())).toList();
            CaseRecord failed = earlier.stream().filter(p -> p.status().isFinal()
                    && !(p.status() == CaseStatus.FINISHED && p.outcome() == CaseStatus.Outcome.APPROVED))
                    .findFirst().orElse(null);
            if (failed != null) {
                move(store.lock(waiting.caseNumber()).orElseThrow(), new Step(CaseStatus.NOT_ACCEPTED, null,
                        "前序事项「" + failed.title() + "」未办结通过，本事项未送出", null, step.at(), "platform",
                        step.requestId()));
                continue;
            }
            boolean ready = earlier.stream().allMatch(p -> p.status() == CaseStatus.FINISHED
                    && p.outcome() == CaseStatus.Outcome.APPROVED);
            if (ready) {
                CaseRecord locked = store.lock(waiting.caseNumber()).orElseThrow();
                ObjectNode form = (ObjectNode) read(locked.formJson());
                definition.fill().forEach((field, from) -> {
                    String partId = from.substring(0, from.indexOf('.'));
                    earlier.stream().filter(p -> p.part().equals(partId)).findFirst()
                            .ifPresent(p -> form.put(field, p.resultRef()));
                });
                store.update(locked.dispatched("READY", locked.submissionId(), locked.departmentRef(), form.toString()));
                store.addEvent(locked.caseNumber(), step.at(), locked.status(), "前序事项已办结，送往部门", "platform",
                        step.requestId());
                announceReady();
            }
        }
    }

    /** Tells the dispatcher once the transaction commits (at once outside one). */
    private void announceReady() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            events.publishEvent(new PartsReady());
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                events.publishEvent(new PartsReady());
            }
        });
    }

    /**
     * The bundle's one status: to correct if any part is (with that part's reason); done when every part is (approved
     * only if every part was); in progress once any part is accepted; otherwise submitted.
     */
    private void combine(CaseRecord parent, List<CaseRecord> parts, Step step) {
        CaseStatus status;
        CaseStatus.Outcome outcome = null;
        String reason = null;
        CaseRecord correcting = parts.stream().filter(p -> p.status() == CaseStatus.CORRECTION_REQUESTED)
                .findFirst().orElse(null);
        if (correcting != null) {
            status = CaseStatus.CORRECTION_REQUESTED;
            reason = "「" + correcting.title() + "」需补正：" + correcting.reason();
        } else if (parts.stream().allMatch(p -> p.status().isFinal())) {
            if (parts.stream().allMatch(p -> p.status() == CaseStatus.WITHDRAWN)) {
                status = CaseStatus.WITHDRAWN;
            } else if (parts.stream().noneMatch(p -> p.status() == CaseStatus.FINISHED)) {
                status = CaseStatus.NOT_ACCEPTED;
                reason = parts.stream().map(CaseRecord::reason).filter(Objects::nonNull).findFirst().orElse(null);
            } else {
                status = CaseStatus.FINISHED;
                boolean allApproved = parts.stream().allMatch(p -> p.outcome() == CaseStatus.Outcome.APPROVED);
                outcome = allApproved ? CaseStatus.Outcome.APPROVED : CaseStatus.Outcome.REFUSED;
                reason = allApproved ? null : parts.stream().filter(p -> p.outcome() != CaseStatus.Outcome.APPROVED)
                        .map(p -> "「" + p.title() + "」" + p.status().words()
                                + (p.reason() == null ? "" : "：" + p.reason()))
                        .findFirst().orElse(null);
            }
        } else if (parts.stream().anyMatch(p -> p.acceptedOn() != null)) {
            status = CaseStatus.IN_PROGRESS;
        } else {
            status = CaseStatus.SUBMITTED;
        }
        LocalDate accepted = parts.stream().map(CaseRecord::acceptedOn).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        LocalDate due = parts.stream().map(CaseRecord::dueOn).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        Instant finished = status.isFinal() ? parts.stream().map(CaseRecord::finishedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(step.at()) : null;
        if (status == parent.status() && Objects.equals(reason, parent.reason())
                && Objects.equals(accepted, parent.acceptedOn()) && Objects.equals(due, parent.dueOn())) {
            return;
        }
        // The bundle's own case: the applicant, title and form of the parent, its state combined from the parts'.
        CaseRecord combined = CaseRecord.builder().caseNumber(parent.caseNumber()).bundle(parent.bundle())
                .title(parent.title()).applicantSubject(parent.applicantSubject())
                .applicantName(parent.applicantName()).applicantIdNumber(parent.applicantIdNumber())
                .actingForUscc(parent.actingForUscc()).actingForName(parent.actingForName())
                .channel(parent.channel()).serviceWindow(parent.serviceWindow())
                .status(status).outcome(outcome).reason(reason).formJson(parent.formJson())
                .submittedAt(parent.submittedAt()).acceptedOn(accepted).dueOn(due)
                .correctionSince(status == CaseStatus.CORRECTION_REQUESTED
                        ? LocalDate.ofInstant(step.at(), BeijingTime.ZONE) : null)
                .finishedAt(finished).round(parent.round()).version(parent.version())
                .build();
        store.update(combined);
        if (status != parent.status()) {
            Step combinedStep = new Step(status, outcome, reason, null, step.at(), "platform", step.requestId());
            store.addEvent(parent.caseNumber(), step.at(), status, note(combinedStep), "platform", step.requestId());
            log.changed(combined, combinedStep);
        }
    }

    private JsonNode read(String formJson) {
        try {
            return json.readTree(formJson);
        } catch (Exception e) {
            throw new IllegalStateException("a stored form is not JSON", e);
        }
    }
}
