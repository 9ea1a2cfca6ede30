package tongban.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import tongban.sso.identity.Caller;

import java.util.Optional;

/**
 * What the hub's busiest API paths — the exchange call, submissions and their status — share as functional endpoints
 * (WebMvc.fn, the way Spring Cloud Gateway Server MVC routes). They sit in handler mappings consulted before the
 * annotated controllers, behind the same security chain, and answer exactly as a controller would: JSON, problem JSON
 * for every failure, 405 with {@code Allow} and 415 with {@code Accept}. What they save is Spring MVC's general
 * machinery per request: a handler lookup that tries each of the hub's ~60 annotated mappings in turn for a path with
 * variables, and the argument resolvers and return-value handlers around a controller method.
 */
@Component
public class ApiEndpoints {

    private final ObjectMapper json;

    public ApiEndpoints(ObjectMapper json) {
        this.json = json;
    }

    /** A handler mapping for {@code routes}, asked before the annotated controllers. */
    public static RouterFunctionMapping mapping(RouterFunction<ServerResponse> routes) {
        RouterFunctionMapping mapping = new RouterFunctionMapping(routes);
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    /** What a handler does with a request that got past the refusals; any exception becomes its problem answer. */
    @FunctionalInterface
    public interface Handler {
        ServerResponse handle(ServerRequest request) throws Exception;
    }

    /**
     * An endpoint for {@code method} requests (with a JSON body when {@code jsonBody}): the others are refused as
     * problem JSON, and whatever {@code handler} throws is answered as its problem ({@link Problems#forFailure}).
     */
    public HandlerFunction<ServerResponse> endpoint(HttpMethod method, boolean jsonBody, Handler handler) {
        return request -> refusal(request, method, jsonBody).orElseGet(() -> answer(request, handler));
    }

    /** What {@code handler} answers, or its failure's problem answer — also for an answer written later (async). */
    public ServerResponse answer(ServerRequest request, Handler handler) {
        try {
            return handler.handle(request);
        } catch (Exception failure) {
            return problem(Problems.forFailure(failure));
        }
    }

    /**
     * The refusal for a request that is not {@code method} (405; HEAD goes with GET, as in Spring MVC) or, when
     * {@code jsonBody}, carries no JSON (415); empty if the request may go on.
     */
    private Optional<ServerResponse> refusal(ServerRequest request, HttpMethod method, boolean jsonBody) {
        boolean get = HttpMethod.GET.equals(method);
        if (!method.equals(request.method()) && !(get && HttpMethod.HEAD.equals(request.method()))) {
            return Optional.of(problem(refusal(HttpStatus.METHOD_NOT_ALLOWED)
                    .header(HttpHeaders.ALLOW, get ? "GET, HEAD" : method.name())
                    .body(Problems.ofStatus(HttpStatus.METHOD_NOT_ALLOWED))));
        }
        if (jsonBody) {
            MediaType type = request.headers().contentType().orElse(null);
            if (type == null || !MediaType.APPLICATION_JSON.includes(type)) {
                return Optional.of(problem(refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                        .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                        .body(Problems.ofStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE))));
            }
        }
        return Optional.empty();
    }

    /** The caller the security chain authenticated: only a request with a hub token gets this far. */
    public static Caller caller(ServerRequest request) {
        return request.principal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> Caller.from(((JwtAuthenticationToken) principal).getToken()))
                .orElseThrow(() -> new IllegalStateException("an API request reached its handler without a token"));
    }

    /** A JSON answer; written here, since a functional endpoint has no JSON message converter of its own. */
    public ServerResponse json(ServerResponse.BodyBuilder answer, Object body) {
        return answer.contentType(MediaType.APPLICATION_JSON).body(bytes(body));
    }

    private ServerResponse problem(ResponseEntity<ProblemDetail> problem) {
        return ServerResponse.status(problem.getStatusCode()).headers(headers -> headers.addAll(problem.getHeaders()))
                .body(bytes(problem.getBody()));
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }

    private static ResponseEntity.BodyBuilder refusal(HttpStatus status) {
        return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON);
    }
}
