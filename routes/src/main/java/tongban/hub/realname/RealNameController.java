package tongban.hub.realname;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.sso.identity.Caller;

/**
 * {@code POST /api/v1/me/real-name-verification} — the signed-in citizen asks for their name and id number to be
 * checked with public security; on a match their account is at level 3 from their next token on.
 */
@RestController
class RealNameController {

    private final RealNameVerification verification;

    RealNameController(RealNameVerification verification) {
        this.verification = verification;
    }

    @PostMapping("/api/v1/me/real-name-verification")
    RealNameVerification.Result verify(@AuthenticationPrincipal Jwt jwt) {
        return verification.verify(Caller.from(jwt), jwt.getClaimAsString("family_name"),
                jwt.getClaimAsString("given_name"));
    }
}
