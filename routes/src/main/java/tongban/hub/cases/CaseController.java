package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.exchange.JsonRequests;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.web.PersonNames;
import tongban.hub.web.RequestIdFilter;
import tongban.sso.identity.Caller;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases API: what may be applied for ({@code GET /api/v1/bundles}, {@code GET /api/v1/applicable-items}),
 * applying ({@code POST /api/v1/cases}), one's cases ({@code GET /api/v1/cases}: the applicant's own; staff: their
 * window's), one case, and what the applicant and window staff do with it.
 */
@RestController
class CaseController {

    private final CaseService cases;
    private final CaseViews views;
    private final CaseStore store;
    private final Applications applications;
    private final ServiceRegistry registry;
    private final JsonRequests requests;
    private final Cases facade;

    CaseController(CaseService cases, CaseViews views, CaseStore store, Applications applications,
                   ServiceRegistry registry, JsonRequests requests, Cases facade) {
        this.facade = facade;
        this.cases = cases;
        this.views = views;
        this.store = store;
        this.applications = applications;
        this.registry = registry;
        this.requests = requests;
    }

    @GetMapping("/api/v1/bundles")
    List<Map<String, Object>> bundles() {
        return applications.bundles().stream().map(b -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", b.id());
            view.put("title", b.title());
            view.put("summary", b.summary());
            view.put("parts", b.parts().stream().map(p -> Map.of("id", p.id(), "itemCode", p.item().code(),
                    "department", p.item().department(), "departmentName", registry.title(p.item().department()),
                    "after", p.after())).toList());
            view.put("form", b.form().values().stream().map(CaseViews::field).toList());
            view.put("sharedMaterials", shared(b.parts().stream().flatMap(p -> p.item().shared().stream()).toList()));
            return view;
        }).toList();
    }

    @GetMapping("/api/v1/applicable-items")
    List<Map<String, Object>> items() {
        return applications.items().stream().map(i -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("itemCode", i.code());
            view.put("department", i.department());
            view.put("departmentName", registry.title(i.department()));
            view.put("decidedBy", i.service() == null ? "WINDOW" : "DEPARTMENT");
            view.put("form", i.form().values().stream().map(CaseViews::field).toList());
            view.put("sharedMaterials", shared(i.shared()));
            return view;
        }).toList();
    }

    private List<Map<String, String>> shared(List<Applications.SharedMaterial> materials) {
        List<Map<String, String>> out = new ArrayList<>();
        materials.stream().distinct().forEach(m -> out.add(Map.of("material", m.material(), "consent", m.address(),
                "departmentName", registry.title(m.department()))));
        return out;
    }

    @PostMapping("/api/v1/cases")
    ResponseEntity<CaseViews.Detail> apply(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request)
            throws IOException {
        JsonNode body = requests.read(request).json();
        List<String> consents = new ArrayList<>();
        body.path("consents").forEach(c -> consents.add(c.asText()));
        JsonNode applicant = body.path("applicant");
        CaseService.Application application = new CaseService.Application(text(body, "item"), text(body, "bundle"),
                body.get("form"), consents, text(applicant, "idNumber"), text(applicant, "name"),
                text(body, "channel"), body.path("forEnterprise").asBoolean(false), body.path("pledge").asBoolean(false),
                delivery(body.path("delivery")));
        CaseRecord created = cases.apply(Caller.from(jwt), PersonNames.of(jwt), application, RequestIdFilter.current());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + created.caseNumber()))
                .body(views.detail(created));
    }

    @GetMapping("/api/v1/cases")
    List<CaseViews.Summary> list(@AuthenticationPrincipal Jwt jwt,
                                 @RequestParam(defaultValue = "false") boolean open,
                                 @RequestParam(defaultValue = "50") int limit) {
        Caller caller = Caller.from(jwt);
        int n = Math.max(1, Math.min(limit, 200));
        List<CaseRecord> found = caller.isStaff()
                ? caller.serviceWindow() == null ? List.of() : store.ofWindow(caller.serviceWindow(), open, n)
                : (caller.idNumber() == null ? List.<CaseRecord>of() : store.ofApplicant(caller.idNumber(), n));
        return found.stream().map(views::summary).toList();
    }

    @GetMapping("/api/v1/cases/{caseNumber}")
    CaseViews.Detail one(@AuthenticationPrincipal Jwt jwt, @PathVariable String caseNumber) {
        return views.detail(Caller.from(jwt), caseNumber).orElseThrow(() -> CaseFailure.notFound(caseNumber));
    }

    @PostMapping("/api/v1/cases/{caseNumber}/withdrawal")
    CaseViews.Detail withdraw(@AuthenticationPrincipal Jwt jwt, @PathVariable String caseNumber) {
        return views.detail(cases.withdraw(Caller.from(jwt), caseNumber, RequestIdFilter.current()));
    }

    @PostMapping("/api/v1/cases/{caseNumber}/resubmission")
    CaseViews.Detail resubmit(@AuthenticationPrincipal Jwt jwt, @PathVariable String caseNumber,
                              HttpServletRequest request) throws IOException {
        JsonNode body = requests.read(request).json();
        return views.detail(cases.resubmit(Caller.from(jwt), caseNumber, body.get("form"), RequestIdFilter.current()));
    }

    @DeleteMapping("/api/v1/cases/{caseNumber}/consents/{department}/{service}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable String caseNumber,
                                @PathVariable String department, @PathVariable String service) {
        cases.revokeConsent(Caller.from(jwt), caseNumber, department, service);
        return ResponseEntity.noContent().build();
    }

    /** A window's decision: {@code {"decision": "accept" | "not-accept" | "request-correction" | "approve" | "refuse"}}. */
    @PostMapping("/api/v1/cases/{caseNumber}/decision")
    CaseViews.Detail decide(@AuthenticationPrincipal Jwt jwt, @PathVariable String caseNumber,
                            HttpServletRequest request) throws IOException {
        JsonNode body = requests.read(request).json();
        Caller caller = Caller.from(jwt);
        facade.decide(caller, caseNumber, body.path("decision").asText(""), text(body, "reason"), text(body, "result"),
                RequestIdFilter.current());
        return views.detail(caller, caseNumber).orElseThrow(() -> CaseFailure.notFound(caseNumber));
    }

    /** The delivery of the result: none given, collected at the hall. */
    private static Delivery delivery(JsonNode d) {
        if (d.isMissingNode() || d.isNull()) {
            return null;
        }
        if (!d.isObject()) {
            throw CaseFailure.invalid("领取方式格式不正确", "delivery must be an object");
        }
        return new Delivery(text(d, "method"), text(d, "recipient"), text(d, "phone"), text(d, "province"),
                text(d, "city"), text(d, "district"), text(d, "address"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        String text = value.asText().strip();
        if (text.length() > 500) {
            throw CaseFailure.invalid("内容过长", field + " must be at most 500 characters");
        }
        return text;
    }
}
