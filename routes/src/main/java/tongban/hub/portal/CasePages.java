package tongban.hub.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tongban.hub.appointments.AppointmentFailure;
import tongban.hub.appointments.Appointments;
import tongban.hub.cases.CaseFailure;
import tongban.hub.cases.CaseViews;
import tongban.hub.cases.Commitments;
import tongban.hub.cases.Delivery;
import tongban.hub.cases.Cases;
import tongban.hub.cases.FormField;
import tongban.hub.halls.Halls;
import tongban.hub.ratings.Indicators;
import tongban.hub.ratings.RatingFailure;
import tongban.hub.ratings.RatingLevel;
import tongban.hub.ratings.Ratings;
import tongban.hub.web.RequestIdFilter;
import tongban.sso.identity.Caller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The citizen's and the window's case pages: what may be applied for (办事), applying with consent to what is
 * fetched instead of handed in, 我的办件 with each case's history, due date and working days left, answering a
 * correction, withdrawing; and the window's queue (窗口受理) with its decisions. Every action is the cases service
 * under the caller read from the session's own access token (validated like any API token); a refusal is shown in
 * words on the page it came from.
 */
@Controller
class CasePages {

    private final Cases cases;
    private final Ratings ratings;
    private final SessionCallers callers;
    private final ObjectMapper json;
    private final Halls halls;
    private final Appointments appointments;
    private final Commitments commitments;

    CasePages(Cases cases, Ratings ratings, SessionCallers callers, ObjectMapper json, Halls halls,
              Appointments appointments, Commitments commitments) {
        this.commitments = commitments;
        this.halls = halls;
        this.appointments = appointments;
        this.cases = cases;
        this.ratings = ratings;
        this.callers = callers;
        this.json = json;
    }

    private Caller caller(OAuth2AuthorizedClient client) {
        return callers.of(client);
    }

    @GetMapping("/portal/services")
    String services(@RequestParam(name = "q", required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("offers", cases.offers(q));
        return "portal/services";
    }

    @GetMapping("/portal/apply/{kind}/{id}")
    String applyForm(@PathVariable String kind, @PathVariable String id,
                     @RequestParam(name = "appointment", required = false) Long appointment,
                     @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                     Model model) {
        model.addAttribute("offer", cases.offer(kind, id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND)));
        Caller caller = caller(client);
        model.addAttribute("staff", caller.isStaff());
        if (appointment != null && caller.isStaff()) {
            model.addAttribute("booked", appointments.checkedIn(caller, appointment));
        }
        return "portal/apply";
    }

    @PostMapping("/portal/apply/{kind}/{id}")
    String apply(@PathVariable String kind, @PathVariable String id, @RequestParam MultiValueMap<String, String> params,
                 @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent,
                 @AuthenticationPrincipal OidcUser user,
                 @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                 Model model, RedirectAttributes redirect) {
        Cases.Offer offer = cases.offer(kind, id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND));
        ObjectNode form = json.createObjectNode();
        for (FormField field : offer.form()) {
            String value = params.getFirst("form." + field.name());
            if (value != null) {
                form.put(field.name(), value);
            }
        }
        List<String> consents = params.getOrDefault("consent", List.of());
        Caller caller = caller(client);
        try {
            Delivery delivery = "POST".equals(params.getFirst("delivery.method")) ? new Delivery("POST",
                    params.getFirst("delivery.recipient"), params.getFirst("delivery.phone"),
                    params.getFirst("delivery.province"), params.getFirst("delivery.city"),
                    params.getFirst("delivery.district"), params.getFirst("delivery.address")) : Delivery.atHall();
            String number = cases.apply(caller, PortalController.displayName(user), new Cases.PageApplication(kind, id,
                    form, consents, params.getFirst("applicant.idNumber"), params.getFirst("applicant.name"),
                    "true".equals(params.getFirst("pledge")), delivery, caller.isStaff() ? null : channel(userAgent)),
                    RequestIdFilter.current());
            String appointment = params.getFirst("appointment");
            if (appointment != null && appointment.matches("[0-9]{1,18}") && caller.isStaff()) {
                try {
                    appointments.linkCase(caller, Long.parseLong(appointment), number);
                } catch (AppointmentFailure alreadyLinked) {
                    // the case stands; the booking keeps the case it was linked to first
                }
            }
            redirect.addFlashAttribute("notice", "申请已提交，办件编号 " + number + "，请留意办理进度。");
            return "redirect:/portal/cases/" + number;
        } catch (CaseFailure refused) {
            model.addAttribute("offer", offer);
            model.addAttribute("error", refused.words());
            model.addAttribute("values", form);
            model.addAttribute("staff", caller.isStaff());
            return "portal/apply";
        }
    }

    @GetMapping("/portal/cases")
    String mine(@RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                Model model) {
        model.addAttribute("cases", cases.mine(caller(client), 100));
        return "portal/cases";
    }

    @GetMapping("/portal/cases/{caseNumber}")
    String one(@PathVariable String caseNumber, @RequestParam(name = "via", required = false) String via,
               @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
               Model model) {
        Caller caller = caller(client);
        CaseViews.Detail detail = cases.detail(caller, caseNumber).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("c", detail);
        model.addAttribute("staff", caller.isStaff());
        model.addAttribute("correctionFields", detail.summary().status().equals("CORRECTION_REQUESTED")
                ? correctionFields(detail) : List.of());
        model.addAttribute("ratingDue", ratings.due(caller, caseNumber).orElse(null));
        model.addAttribute("ratings", detail.summary().status().equals("FINISHED") ? ratings.of(caller, caseNumber)
                : List.of());
        ratings.followUp(caseNumber).ifPresent(o -> {
            model.addAttribute("followUp", o);
            model.addAttribute("followUpDepartment", ratings.departmentName(o.department()));
        });
        model.addAttribute("indicators", Indicators.forChannel(detail.summary().channel()));
        model.addAttribute("levels", RatingLevel.values());
        model.addAttribute("via", "qr".equals(via) ? "qr" : "");
        model.addAttribute("ratingUrl", ServletUriComponentsBuilder
                .fromCurrentContextPath().path("/portal/cases/{n}").queryParam("via", "qr").buildAndExpand(caseNumber)
                .toUriString());
        return "portal/case";
    }

    /**
     * 好差评 from the case page: the applicant's rating or follow-up rating, or window staff's for the applicant in
     * front of them (who confirms by their id number). The QR code on the receipt opens the same page with
     * {@code via=qr}: the rating is recorded as given on a phone.
     */
    @PostMapping("/portal/cases/{caseNumber}/rating")
    String rate(@PathVariable String caseNumber, @RequestParam MultiValueMap<String, String> params,
                @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                RedirectAttributes redirect) {
        Map<String, Integer> indicators = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith("ind.") && !values.isEmpty() && values.get(0).matches("[1-5]")) {
                indicators.put(name.substring(4), Integer.parseInt(values.get(0)));
            }
        });
        String level = params.getFirst("level");
        String kind = Ratings.FOLLOW_UP.equals(params.getFirst("kind")) ? Ratings.FOLLOW_UP : Ratings.RATING;
        try {
            ratings.rate(caller(client), caseNumber, kind, new Ratings.Request(level != null && level.matches("[1-5]")
                    ? Integer.parseInt(level) : 0, indicators, params.getFirst("comment"),
                    params.getFirst("applicantIdNumber"), "qr".equals(params.getFirst("via"))));
            redirect.addFlashAttribute("notice", Ratings.FOLLOW_UP.equals(kind) ? "感谢您的追评" : "感谢您的评价");
        } catch (RatingFailure refused) {
            redirect.addFlashAttribute("error", refused.words());
        }
        return "redirect:/portal/cases/" + caseNumber + "#rating";
    }

    /** The fields the applicant may change when answering a correction: those of the case's own form. */
    private List<FormField> correctionFields(CaseViews.Detail d) {
        List<FormField> fields = new ArrayList<>();
        cases.offers("").forEach(o -> {
            if ((d.summary().bundle() && o.kind().equals("bundle") && o.title().equals(d.summary().title()))
                    || (!d.summary().bundle() && o.kind().equals("item") && o.id().equals(d.itemCode()))) {
                fields.addAll(o.form());
            }
        });
        return fields;
    }

    @PostMapping("/portal/cases/{caseNumber}/withdrawal")
    String withdraw(@PathVariable String caseNumber,
                    @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                    RedirectAttributes redirect) {
        return act(caseNumber, redirect, "已撤回申请", () -> cases.withdraw(caller(client), caseNumber,
                RequestIdFilter.current()));
    }

    @PostMapping("/portal/cases/{caseNumber}/resubmission")
    String resubmit(@PathVariable String caseNumber, @RequestParam MultiValueMap<String, String> params,
                    @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                    RedirectAttributes redirect) {
        ObjectNode changes = json.createObjectNode();
        params.forEach((name, values) -> {
            if (name.startsWith("form.") && !values.isEmpty() && !values.get(0).isBlank()) {
                changes.put(name.substring(5), values.get(0));
            }
        });
        return act(caseNumber, redirect, "补正材料已提交，已重新送往部门", () -> cases.resubmit(caller(client),
                caseNumber, changes, RequestIdFilter.current()));
    }

    @PostMapping("/portal/cases/{caseNumber}/consents/{department}/{service}/revocation")
    String revoke(@PathVariable String caseNumber, @PathVariable String department, @PathVariable String service,
                  @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                  RedirectAttributes redirect) {
        return act(caseNumber, redirect, "已撤回数据共享授权，该材料请自行提交", () -> cases.revokeConsent(caller(client),
                caseNumber, department, service));
    }

    @GetMapping("/portal/window")
    String window(@RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                  Model model) {
        Caller caller = caller(client);
        if (!caller.isStaff()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("window", caller.serviceWindow());
        model.addAttribute("windowName", halls.windowName(caller.serviceWindow()));
        model.addAttribute("staff", true);
        model.addAttribute("queue", cases.windowQueue(caller, 200));
        model.addAttribute("appointments", appointments.today(caller));
        model.addAttribute("postChecks", commitments.due(null, caller.serviceWindow(), 100));
        model.addAttribute("parcels", cases.parcelsToFollowUp(caller));
        model.addAttribute("offers", cases.offers("").stream().filter(o -> o.kind().equals("item")).toList());
        return "portal/window";
    }

    @PostMapping("/portal/window/cases/{caseNumber}/decision")
    String decide(@PathVariable String caseNumber, @RequestParam String decision,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String result,
                  @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                  RedirectAttributes redirect) {
        return atWindow(redirect, "办件 " + caseNumber + " 已处理", () -> cases.decide(caller(client), caseNumber,
                decision, reason, result, RequestIdFilter.current()));
    }

    /** The window has followed up a returned parcel or a refused order. */
    @PostMapping("/portal/window/cases/{caseNumber}/parcel-followed-up")
    String parcelFollowedUp(@PathVariable String caseNumber,
                            @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                            RedirectAttributes redirect) {
        return atWindow(redirect, "已记录：办件 " + caseNumber + " 的邮寄问题已跟进",
                () -> cases.parcelFollowedUp(caller(client), caseNumber));
    }

    /** 掌上办: an application made from a phone's browser counts in the mobile channel; any other, online. */
    static String channel(String userAgent) {
        return userAgent != null && (userAgent.contains("Mobile") || userAgent.contains("Android")) ? "MOBILE"
                : "ONLINE";
    }

    /** Window staff register the department's post-check of a pledge (告知承诺事后核查). */
    @PostMapping("/portal/window/cases/{caseNumber}/post-check")
    String postCheck(@PathVariable String caseNumber, @RequestParam String result,
                     @RequestParam(required = false) String reason,
                     @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                     RedirectAttributes redirect) {
        return act(caseNumber, redirect, "FAILED".equals(result) ? "已登记：承诺不实，审批已撤销" : "已登记：核查属实",
                () -> commitments.reportAtWindow(caller(client), caseNumber, result, reason, RequestIdFilter.current()));
    }

    /** A window action: back to the window's page, with what was done or why it was refused. */
    private static String atWindow(RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (CaseFailure refused) {
            redirect.addFlashAttribute("error", refused.words());
        }
        return "redirect:/portal/window";
    }

    private String act(String caseNumber, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (CaseFailure refused) {
            redirect.addFlashAttribute("error", refused.words());
        }
        return "redirect:/portal/cases/" + caseNumber;
    }
}
