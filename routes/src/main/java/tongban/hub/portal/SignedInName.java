package tongban.hub.portal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every case page's header shows who is signed in, family name first. */
@ControllerAdvice(assignableTypes = CasePages.class)
class SignedInName {

    @ModelAttribute("name")
    String name(@AuthenticationPrincipal OidcUser user) {
        return user == null ? "" : PortalController.displayName(user);
    }
}
