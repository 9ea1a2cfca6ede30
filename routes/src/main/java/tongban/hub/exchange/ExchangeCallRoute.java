package tongban.hub.exchange;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import tongban.hub.web.ApiEndpoints;
import tongban.hub.web.Problems;
import tongban.hub.web.RequestIdFilter;

/**
 * {@code POST /api/v1/services/{department}/{service}} — the exchange call, the hub's hottest path — as a functional
 * endpoint ({@link ApiEndpoints}): behind the same security chain (token, issuer, audience) and answering exactly as
 * the controller did, without Spring MVC's general machinery per call (together ~13 % of the call's CPU in the
 * benchmark's profile).
 */
@Configuration(proxyBeanMethods = false)
class ExchangeCallRoute {

    static final String PATH = "/api/v1/services/{department}/{service}";

    private final ExchangeService exchange;
    private final JsonRequests requests;
    private final ApiEndpoints api;

    ExchangeCallRoute(ExchangeService exchange, JsonRequests requests, ApiEndpoints api) {
        this.exchange = exchange;
        this.requests = requests;
        this.api = api;
    }

    @Bean
    RouterFunctionMapping exchangeCallMapping() {
        return ApiEndpoints.mapping(RouterFunctions.route(RequestPredicates.path(PATH),
                api.endpoint(HttpMethod.POST, true, this::call)));
    }

    /** The call: any other method on the path gets the answers Spring MVC gave it (405, 415). */
    ServerResponse call(ServerRequest request) throws Exception {
        var servlet = request.servletRequest();
        JsonRequests.Body body = requests.read(servlet);
        ExchangeService.Answer answer = exchange.call(new ExchangeRequest(ApiEndpoints.caller(request),
                request.pathVariable("department"), request.pathVariable("service"),
                new ExchangeRequest.Payload(body.raw(), body.json()), requests.caseId(servlet.getHeader("X-Case-Id")),
                RequestIdFilter.current()));
        return ServerResponse.status(answer.status())
                .contentType(answer.problem() ? Problems.PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .headers(headers -> answer.headers().forEach(headers::set))
                .body(answer.body());
    }
}
