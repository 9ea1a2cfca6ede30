package tongban.hub.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.adapters.support.ResidentIdNumber;
import tongban.sso.identity.Caller;

import java.util.List;

/**
 * {@code GET /api/v1/me} — who the hub takes the caller to be: the person, the application acting for them, their
 * real-name level, roles, and the legal person a handler acts for. The id number is shown masked.
 */
@RestController
class MeController {

    record Me(String username, String client, String maskedIdNumber, int realNameLevel, int signInLevel, List<String> roles,
              Caller.LegalPerson actingFor) {
    }

    @GetMapping("/api/v1/me")
    Me me(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.from(jwt);
        return new Me(caller.username(), caller.clientId(),
                caller.idNumber() == null ? null : ResidentIdNumber.mask(caller.idNumber()),
                caller.realNameLevel().level(), caller.signInLevel(), caller.roles().stream().sorted().toList(), caller.actingFor());
    }
}
