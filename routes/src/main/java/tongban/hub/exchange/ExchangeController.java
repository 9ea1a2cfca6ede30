package tongban.hub.exchange;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tongban.adapters.support.ServiceDefinition;
import tongban.hub.web.Problems;
import tongban.hub.web.RequestIdFilter;
import tongban.sso.identity.Caller;

import java.io.IOException;
import java.util.List;

/** The exchange API: {@code GET /api/v1/services} and {@code POST /api/v1/services/{department}/{service}}. */
@RestController
class ExchangeController {

    private final ExchangeService exchange;
    private final ServiceRegistry registry;
    private final AccessPolicy access;
    private final JsonRequests requests;

    ExchangeController(ExchangeService exchange, ServiceRegistry registry, AccessPolicy access, JsonRequests requests) {
        this.exchange = exchange;
        this.registry = registry;
        this.access = access;
        this.requests = requests;
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

    @PostMapping(path = "/api/v1/services/{department}/{service}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> call(@AuthenticationPrincipal Jwt jwt, @PathVariable String department,
                                @PathVariable String service,
                                @RequestHeader(name = "X-Case-Id", required = false) String caseId,
                                HttpServletRequest request) throws IOException {
        JsonRequests.Body body = requests.read(request);
        ExchangeService.Answer answer = exchange.call(Caller.from(jwt), department, service, body.raw(), body.json(),
                requests.caseId(caseId), RequestIdFilter.current());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
                .contentType(answer.problem() ? Problems.PROBLEM_JSON : MediaType.APPLICATION_JSON);
        answer.headers().forEach(response::header);
        return response.body(answer.body());
    }

    private static ServiceView view(ServiceDefinition s) {
        return new ServiceView(s.department(), s.service(), s.title(), "/api/v1/services/" + s.address(),
                s.concernsPerson());
    }
}
