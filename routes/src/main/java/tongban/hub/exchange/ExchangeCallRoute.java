package tongban.hub.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import tongban.hub.web.Problems;
import tongban.hub.web.RequestIdFilter;
import tongban.sso.identity.Caller;

/**
 * {@code POST /api/v1/services/{department}/{service}} — the exchange call, the hub's hottest path — as a functional
 * endpoint in a handler mapping consulted before the annotated controllers. Behind the same security chain (token,
 * issuer, audience) and answering exactly as before; what it saves is Spring MVC's general machinery per call: the
 * handler lookup that tries every one of the hub's ~60 annotated mappings in turn for a path with variables, and the
 * argument resolvers and return-value handlers around a controller method (together ~13 % of the call's CPU in the
 * benchmark's profile). Spring Cloud Gateway Server MVC routes the same way.
 */
@Configuration(proxyBeanMethods = false)
class ExchangeCallRoute {

    static final String PATH = "/api/v1/services/{department}/{service}";

    private final ExchangeService exchange;
    private final JsonRequests requests;
    private final ObjectMapper json;

    ExchangeCallRoute(ExchangeService exchange, JsonRequests requests, ObjectMapper json) {
        this.exchange = exchange;
        this.requests = requests;
        this.json = json;
    }

    @Bean
    RouterFunctionMapping exchangeCallMapping() {
        RouterFunctionMapping mapping = new RouterFunctionMapping(
                RouterFunctions.route(RequestPredicates.path(PATH), this::call));
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    /** Any method on the path: POST with JSON is the call; the rest get the answers Spring MVC gave them (405, 415). */
    ServerResponse call(ServerRequest request) {
        if (!HttpMethod.POST.equals(request.method())) {
            return problem(refusal(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, HttpMethod.POST.name())
                    .body(Problems.ofStatus(HttpStatus.METHOD_NOT_ALLOWED)));
        }
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_JSON.includes(type)) {
            return problem(refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                    .body(Problems.ofStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)));
        }
        try {
            var servlet = request.servletRequest();
            JsonRequests.Body body = requests.read(servlet);
            ExchangeService.Answer answer = exchange.call(caller(request), request.pathVariable("department"),
                    request.pathVariable("service"), body.raw(), body.json(),
                    requests.caseId(servlet.getHeader("X-Case-Id")), RequestIdFilter.current());
            return ServerResponse.status(answer.status())
                    .contentType(answer.problem() ? Problems.PROBLEM_JSON : MediaType.APPLICATION_JSON)
                    .headers(headers -> answer.headers().forEach(headers::set))
                    .body(answer.body());
        } catch (Exception failure) {
            return problem(Problems.forFailure(failure));
        }
    }

    /** The security chain lets only an authenticated caller with a hub token this far. */
    private static Caller caller(ServerRequest request) {
        return request.principal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> Caller.from(((JwtAuthenticationToken) principal).getToken()))
                .orElseThrow(() -> new IllegalStateException("an exchange call reached its handler without a token"));
    }

    /** Written here, as the call's own answers are: a functional endpoint has no message converters of its own. */
    private ServerResponse problem(ResponseEntity<ProblemDetail> problem) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem.getBody());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem answer could not be written", e);
        }
        return ServerResponse.status(problem.getStatusCode()).headers(headers -> headers.addAll(problem.getHeaders()))
                .body(body);
    }

    private static ResponseEntity.BodyBuilder refusal(HttpStatus status) {
        return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON);
    }
}
