package tongban.hub.exchange;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.adapters.support.ServiceDefinition;
import tongban.sso.identity.Caller;

import java.util.List;

/** {@code GET /api/v1/services}: the services this caller may use. The call itself is {@link ExchangeCallRoute}. */
@RestController
class ExchangeController {

    private final ServiceRegistry registry;
    private final AccessPolicy access;

    ExchangeController(ServiceRegistry registry, AccessPolicy access) {
        this.registry = registry;
        this.access = access;
    }

    record ServiceView(String department, String service, String title, String path, boolean aboutAPerson) {
    }

    @GetMapping("/api/v1/services")
    List<ServiceView> services(@AuthenticationPrincipal Jwt jwt) {
        String clientId = Caller.from(jwt).clientId();
        return registry.all().stream()
                .filter(s -> access.clientMayUse(clientId, s))
                .map(ExchangeController::view)
                .toList();
    }

    private static ServiceView view(ServiceDefinition s) {
        return new ServiceView(s.department(), s.service(), s.title(), "/api/v1/services/" + s.address(),
                s.concernsPerson());
    }
}
