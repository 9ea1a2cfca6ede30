package tongban.hub.portal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tongban.adapters.support.ResidentIdNumber;
import tongban.hub.cases.Cases;
import tongban.hub.exchange.AccessRights;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.messagelog.DataUsage;
import tongban.hub.realname.RealNameVerification;
import tongban.sso.identity.Caller;
import tongban.sso.identity.RealNameLevel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * 通办门户 — the citizen's page: who they are signed in as, what they can do, their latest cases, the department
 * portals, and who used their data — in words (the system's and department's names, the service's title, what came
 * of it), never client ids, department keys or problem codes.
 */
@Controller
class PortalController {

    /** One use of the citizen's data, as they read it. */
    record UseView(Instant at, String who, String department, String service, String caseId,
                   String outcome) {
    }

    private final DataUsage usage;
    private final PortalProperties properties;
    private final ServiceRegistry registry;
    private final AccessRights clients;
    private final Cases cases;
    private final SessionCallers callers;
    private final RealNameVerification realName;

    PortalController(DataUsage usage, PortalProperties properties, ServiceRegistry registry, AccessRights clients,
                     Cases cases, SessionCallers callers, RealNameVerification realName) {
        this.realName = realName;
        this.clients = clients;
        this.usage = usage;
        this.properties = properties;
        this.registry = registry;
        this.cases = cases;
        this.callers = callers;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/portal";
    }

    @GetMapping("/portal")
    String home(@AuthenticationPrincipal OidcUser user,
                @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                Model model) {
        Caller caller = callers.of(client);
        model.addAttribute("staff", caller.isStaff());
        model.addAttribute("recentCases", cases.mine(caller, 5));
        String idNumber = user.getClaimAsString("id_number");
        RealNameLevel level = RealNameLevel.of(user.getClaims().get("real_name_level"));
        model.addAttribute("name", displayName(user));
        model.addAttribute("username", user.getPreferredUsername());
        model.addAttribute("maskedIdNumber", idNumber == null ? null : ResidentIdNumber.mask(idNumber));
        model.addAttribute("realNameLevel", level.level());
        boolean mayVerify = caller.isCitizen() && idNumber != null && !level.atLeast(RealNameLevel.REGISTER_CHECKED);
        model.addAttribute("mayVerifyRealName", mayVerify);
        if (mayVerify && !model.containsAttribute("realNameResult")) {
            realName.lastRefusal(caller).ifPresent(reason -> model.addAttribute("realNameResult",
                    "上次核验未通过：" + reason + "。"));
        }
        Object acting = user.getClaims().get("acting_for");
        model.addAttribute("actingFor", acting instanceof Map<?, ?> map && map.get("name") != null
                ? map.get("name") + "（" + map.get("uscc") + "）" : null);
        model.addAttribute("departmentPortals", properties.departmentPortals());
        model.addAttribute("usesCoverage", usage.coverage());
        model.addAttribute("uses", idNumber == null ? List.of()
                : usage.of(idNumber, 50).stream().map(this::words).toList());
        return "portal/home";
    }

    private UseView words(DataUsage.Use use) {
        String service = registry.find(use.department(), use.service())
                .map(d -> d.title().replaceFirst("\\s*\\(.*\\)\\s*$", "")).orElse(use.service());
        String who = clients.name(use.client());
        return new UseView(use.at(), who == null ? "其他系统" : who,
                registry.title(use.department()), service, use.caseId(), outcome(use.outcome()));
    }

    /** What came of a use: the data was given, the exchange refused it, or the department could not answer. */
    static String outcome(String code) {
        if ("OK".equals(code)) {
            return "已提供";
        }
        if (code.startsWith("DEPARTMENT_") || code.equals("CIRCUIT_OPEN") || code.equals("RECORD_NOT_FOUND")) {
            return "未提供（部门未能答复）";
        }
        return "已拒绝（无权查询）";
    }

    /** Chinese names read family name first: 张 + 三. */
    static String displayName(OidcUser user) {
        String family = user.getFamilyName();
        String given = user.getGivenName();
        if (family != null && given != null) {
            return family + given;
        }
        return user.getFullName() != null ? user.getFullName() : user.getPreferredUsername();
    }
}
