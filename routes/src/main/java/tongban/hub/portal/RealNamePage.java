package tongban.hub.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.realname.RealNameVerification;
import tongban.sso.identity.Caller;

/**
 * The portal's 实名核验 button. On a match the portal's own session is let go (not Keycloak's), so the next page
 * signs in again silently and shows the new level from a fresh token; otherwise the register's reason is shown.
 */
@Controller
class RealNamePage {

    private final RealNameVerification verification;
    private final SessionCallers callers;

    RealNamePage(RealNameVerification verification, SessionCallers callers) {
        this.verification = verification;
        this.callers = callers;
    }

    @PostMapping("/portal/real-name-verification")
    String verify(@AuthenticationPrincipal OidcUser user,
                  @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                  Authentication authentication, HttpServletRequest request, HttpServletResponse response,
                  RedirectAttributes next) {
        Caller caller = callers.of(client);
        try {
            RealNameVerification.Result result = verification.verify(caller, user.getFamilyName(),
                    user.getGivenName());
            if (result.outcome() == RealNameVerification.Outcome.MATCH) {
                new SecurityContextLogoutHandler().logout(request, response, authentication);
                return "redirect:/portal";
            }
            next.addFlashAttribute("realNameResult", "核验未通过：" + result.reason() + "。实名等级仍为 "
                    + result.level() + " 级；今天还可核验 " + result.attemptsLeft() + " 次。");
        } catch (ExchangeFailure failure) {
            next.addFlashAttribute("realNameResult", switch (failure.code()) {
                case "RATE_LIMITED" -> "今天的核验次数已用完，请明天再试，或携带身份证到政务服务中心窗口办理。";
                default -> "公安机关的身份核验暂时无法办理，请稍后再试（本次不计次数）。";
            });
        }
        return "redirect:/portal";
    }
}
