package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.web.BeijingTime;
import tongban.sso.identity.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pages (the citizen's portal, the window's page) do with cases: the same service, rules and views as the
 * API, for a caller read from the page's own validated access token.
 */
@Component
public class Cases {

    /** Something that may be applied for, as a page lists it. */
    public record Offer(String kind, String id, String title, String summary, List<String> departments,
                        List<FormField> form, List<Applications.SharedMaterial> shared, List<String> sharedFrom,
                        String pledge) {
    }

    private final CaseService service;
    private final CaseViews views;
    private final CaseStore store;
    private final Applications applications;
    private final ItemLimits limits;
    private final ServiceRegistry registry;
    private final DeliveryStore deliveries;

    Cases(CaseService service, CaseViews views, CaseStore store, Applications applications, ItemLimits limits,
          ServiceRegistry registry, DeliveryStore deliveries) {
        this.deliveries = deliveries;
        this.service = service;
        this.views = views;
        this.store = store;
        this.applications = applications;
        this.limits = limits;
        this.registry = registry;
    }

    /** The bundles, then the items, whose name or department contains {@code words} (all when blank). */
    public List<Offer> offers(String words) {
        String q = words == null ? "" : words.strip();
        List<Offer> offers = new ArrayList<>();
        for (Applications.Bundle b : applications.bundles()) {
            List<Applications.SharedMaterial> shared = b.parts().stream().flatMap(p -> p.item().shared().stream())
                    .distinct().toList();
            offers.add(new Offer("bundle", b.id(), b.title(), b.summary(), b.parts().stream()
                    .map(p -> registry.title(p.item().department())).distinct().toList(),
                    List.copyOf(b.form().values()), shared, shared.stream().map(m -> registry.title(m.department())).toList(),
                    null));
        }
        for (Applications.Item i : applications.items()) {
            String title;
            try {
                title = limits.of(i.code()).name();
            } catch (CaseFailure libraryDown) {
                title = i.id();
            }
            String summary = i.commitment() != null ? "告知承诺，即时办结（" + registry.title(i.commitment().checkedBy())
                    + "事后核查）" : i.service() == null ? "窗口受理、窗口办结" : "网上申请，部门审批";
            offers.add(new Offer("item", i.code(), title, summary, List.of(registry.title(i.department())),
                    List.copyOf(i.form().values()), i.shared(),
                    i.shared().stream().map(m -> registry.title(m.department())).toList(),
                    i.commitment() == null ? null : i.commitment().pledge()));
        }
        return offers.stream().filter(o -> q.isEmpty() || o.title().contains(q)
                || o.departments().stream().anyMatch(d -> d.contains(q))).toList();
    }

    public Optional<Offer> offer(String kind, String id) {
        return offers("").stream().filter(o -> o.kind().equals(kind) && o.id().equals(id)).findFirst();
    }

    /** What the portal's application form sends: what is applied for, and by whom when the window takes it in. */
    public record PageApplication(String kind, String id, JsonNode form, List<String> consents,
                                  String applicantIdNumber, String applicantName, boolean pledged, Delivery delivery,
                                  String channel) {
    }

    /** @throws CaseFailure with words for the page */
    public String apply(Caller caller, String name, PageApplication page, String requestId) {
        CaseService.Application application = new CaseService.Application("item".equals(page.kind()) ? page.id()
                : null, "bundle".equals(page.kind()) ? page.id() : null, page.form(), page.consents(),
                page.applicantIdNumber(), page.applicantName(), page.channel(), false, page.pledged(),
                page.delivery());
        return service.apply(caller, name, application, requestId).caseNumber();
    }

    public List<CaseViews.Summary> mine(Caller caller, int limit) {
        if (caller.idNumber() == null) {
            return List.of();
        }
        return store.ofApplicant(caller.idNumber(), limit).stream().map(views::summary).toList();
    }

    /**
     * The window's open cases the window decides or follows: overdue first, then by the working days left (fewest
     * first, those without a due date last), then the oldest.
     */
    public List<CaseViews.Summary> windowQueue(Caller caller, int limit) {
        if (!caller.isStaff() || caller.serviceWindow() == null) {
            return List.of();
        }
        return store.ofWindow(caller.serviceWindow(), true, limit).stream().map(views::summary)
                .sorted(Comparator.comparing((CaseViews.Summary s) -> !s.overdue())
                        .thenComparing(s -> s.remainingWorkingDays() == null ? Integer.MAX_VALUE : s.remainingWorkingDays())
                        .thenComparing(CaseViews.Summary::submittedAt))
                .toList();
    }

    public Optional<CaseViews.Detail> detail(Caller caller, String caseNumber) {
        return views.detail(caller, caseNumber);
    }

    public void withdraw(Caller caller, String caseNumber, String requestId) {
        service.withdraw(caller, caseNumber, requestId);
    }

    public void resubmit(Caller caller, String caseNumber, JsonNode changes, String requestId) {
        service.resubmit(caller, caseNumber, changes, requestId);
    }

    public void revokeConsent(Caller caller, String caseNumber, String department, String serviceName) {
        service.revokeConsent(caller, caseNumber, department, serviceName);
    }

    /** A window decision by name: accept, not-accept, request-correction, approve, refuse. */
    public void decide(Caller caller, String caseNumber, String decision, String reason, String result,
                       String requestId) {
        Map<String, CaseStatus> to = Map.of("accept", CaseStatus.ACCEPTED, "not-accept", CaseStatus.NOT_ACCEPTED,
                "request-correction", CaseStatus.CORRECTION_REQUESTED, "approve", CaseStatus.FINISHED,
                "refuse", CaseStatus.FINISHED);
        if (!to.containsKey(decision)) {
            throw CaseFailure.invalid("请选择受理、不予受理、补正或办结", "unknown decision " + decision);
        }
        boolean needsReason = !decision.equals("accept") && !decision.equals("approve");
        if (needsReason && (reason == null || reason.isBlank())) {
            throw CaseFailure.invalid("请填写理由", "this decision needs a reason");
        }
        CaseStatus.Outcome outcome = decision.equals("approve") ? CaseStatus.Outcome.APPROVED
                : decision.equals("refuse") ? CaseStatus.Outcome.REFUSED : null;
        service.decide(caller, caseNumber, new CaseProgress.Step(to.get(decision), outcome, blankToNull(reason),
                blankToNull(result), Instant.now(), "staff:" + caller.username(), requestId));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The window's cases whose result by post needs it: a returned parcel, an order the carrier refused. */
    public List<CaseViews.Summary> parcelsToFollowUp(Caller caller) {
        if (!caller.isStaff() || caller.serviceWindow() == null) {
            return List.of();
        }
        return deliveries.followUps(caller.serviceWindow(), 100).stream().map(store::find).flatMap(Optional::stream)
                .map(views::summary).toList();
    }

    /** Staff of the case's window have followed the parcel up (called the applicant, arranged collection). */
    public void parcelFollowedUp(Caller caller, String caseNumber) {
        CaseRecord c = store.find(caseNumber).orElseThrow(() -> CaseFailure.notFound(caseNumber));
        if (!caller.isStaff() || !c.serviceWindow().equals(caller.serviceWindow())) {
            throw CaseFailure.forbidden("CASE_NOT_AT_YOUR_WINDOW", "该办件不在您的窗口",
                    "case " + caseNumber + " is not at this window");
        }
        deliveries.followedUp(caseNumber);
        store.addEvent(caseNumber, Instant.now(), c.status(), "窗口已跟进邮寄问题", "staff:" + caller.username(), null);
    }

    /** A case as stored, for the features built on cases (ratings): no caller check here. */
    public Optional<CaseRecord> record(String caseNumber) {
        return store.find(caseNumber);
    }

    /** The department that handled a case: its own, or a bundle's lead (first) part's. */
    public String handledBy(CaseRecord c) {
        if (!c.isBundle()) {
            return c.department();
        }
        return store.parts(c.caseNumber()).stream().map(CaseRecord::department).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** Today in Beijing, for pages that say "due today". */
    public LocalDate today() {
        return LocalDate.now(BeijingTime.ZONE);
    }
}
