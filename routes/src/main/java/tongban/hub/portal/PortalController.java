package tongban.hub.portal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tongban.adapters.support.ResidentIdNumber;
import tongban.hub.messagelog.DataUsage;
import tongban.sso.identity.RealNameLevel;

/** 通办门户 — the citizen's page: who they are signed in as, the department portals, and who used their data. */
@Controller
class PortalController {

    private final DataUsage usage;
    private final PortalProperties properties;

    PortalController(DataUsage usage, PortalProperties properties) {
        this.usage = usage;
        this.properties = properties;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/portal";
    }

    @GetMapping("/portal")
    String home(@AuthenticationPrincipal OidcUser user, Model model) {
        String idNumber = user.getClaimAsString("id_number");
        RealNameLevel level = RealNameLevel.of(user.getClaims().get("real_name_level"));
        model.addAttribute("name", displayName(user));
        model.addAttribute("username", user.getPreferredUsername());
        model.addAttribute("maskedIdNumber", idNumber == null ? null : ResidentIdNumber.mask(idNumber));
        model.addAttribute("realNameLevel", level.level());
        Object acting = user.getClaims().get("acting_for");
        model.addAttribute("actingFor", acting instanceof java.util.Map<?, ?> map && map.get("name") != null
                ? map.get("name") + "（" + map.get("uscc") + "）" : null);
        model.addAttribute("departmentPortals", properties.departmentPortals());
        model.addAttribute("uses", idNumber == null ? java.util.List.of() : usage.of(idNumber, 50));
        return "portal/home";
    }

    /** Chinese names read family name first: 张 + 三. */
    private static String displayName(OidcUser user) {
        String family = user.getFamilyName();
        String given = user.getGivenName();
        if (family != null && given != null) {
            return family + given;
        }
        return user.getFullName() != null ? user.getFullName() : user.getPreferredUsername();
    }
}
