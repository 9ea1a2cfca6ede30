package tongban.hub.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
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
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

/** The exchange API: {@code GET /api/v1/services} and {@code POST /api/v1/services/{department}/{service}}. */
@RestController
class ExchangeController {

    /** 办件编号 — letters, digits and a few separators, at most 64 characters. */
    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    private final ExchangeService exchange;
    private final ServiceRegistry registry;
    private final AccessPolicy access;
    private final ExchangeProperties properties;
    private final ObjectMapper json;

    ExchangeController(ExchangeService exchange, ServiceRegistry registry, AccessPolicy access,
                       ExchangeProperties properties, ObjectMapper json) {
        this.exchange = exchange;
        this.registry = registry;
        this.access = access;
        this.properties = properties;
        this.json = json;
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
        if (caseId != null && !CASE_ID.matcher(caseId).matches()) {
            throw ExchangeFailure.invalid("X-Case-Id must be 1–64 letters, digits or . _ : / -");
        }
        byte[] raw = readLimited(request);
        JsonNode body = parse(raw);
        ExchangeService.Answer answer = exchange.call(Caller.from(jwt), department, service, raw, body, caseId,
                RequestIdFilter.current());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
                .contentType(answer.problem() ? Problems.PROBLEM_JSON : MediaType.APPLICATION_JSON);
        if (answer.retryAfterSeconds() != null) {
            response.header("Retry-After", Integer.toString(answer.retryAfterSeconds()));
        }
        return response.body(answer.body());
    }

    private byte[] readLimited(HttpServletRequest request) throws IOException {
        int limit = properties.maxRequestBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] raw = in.readNBytes(limit + 1);
            if (raw.length > limit) {
                throw tooLarge(limit);
            }
            return raw;
        }
    }

    private JsonNode parse(byte[] raw) {
        try {
            JsonNode body = raw.length == 0 ? null : json.readTree(raw);
            if (body == null || !body.isObject()) {
                throw ExchangeFailure.invalid("the request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new ExchangeFailure(HttpStatus.BAD_REQUEST, "MALFORMED_JSON",
                    "the request body is not well-formed JSON (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ExchangeFailure.invalid("the request body could not be read");
        }
    }

    private static ExchangeFailure tooLarge(int limit) {
        return new ExchangeFailure(HttpStatus.BAD_REQUEST, "PAYLOAD_TOO_LARGE",
                "the request body is larger than " + limit + " bytes");
    }

    private static ServiceView view(ServiceDefinition s) {
        return new ServiceView(s.department(), s.service(), s.title(), "/api/v1/services/" + s.address(),
                s.concernsPerson());
    }
}
