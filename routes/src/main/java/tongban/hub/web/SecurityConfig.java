package tongban.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tongban.sso.identity.Caller;
import tongban.sso.token.HubTokenDecoder;

import java.io.IOException;

/**
 * Deny by default: the exchange API needs a valid Keycloak access token meant for the hub; health, info,
 * Prometheus and the API document are open; the portal has its own chain (sessions, OIDC login); everything else
 * is refused. API failures answer problem JSON.
 */
@Configuration
public class SecurityConfig {

    @Bean
    JwtDecoder jwtDecoder(SsoProperties sso) {
        return HubTokenDecoder.create(sso.issuer(), sso.jwkSetUri(), sso.audience(), sso.verifiedTokens());
    }

    /**
     * Spring's firewall checks header values with a Unicode regex, which on a 1.5 KB bearer token cost more
     * CPU than the whole exchange call. This predicate refuses the same thing that matters — control
     * characters and unassigned code points — in one pass.
     */
    @Bean
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(SecurityConfig::acceptableHeaderValue);
        return firewall;
    }

    static boolean acceptableHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c >= 0x80 && !Character.isDefined(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * No observation of Spring Security's own steps: with one, every filter of every chain is wrapped in a decorator
     * and every authentication and authorization in an observation (~5 % of the hub's CPU per exchange call in the
     * benchmark's profile), for spans and timers nobody reads. Requests are still timed as a whole
     * ({@code http_server_requests_*}) and every exchange call is in the message log.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Every chain's paths ({@code securityMatcher}, {@code requestMatchers}) are matched as Spring's path patterns on
     * the request path, not through Spring MVC's handler mappings: those matchers looked the request's handler up once
     * more for security before the dispatcher looked it up for itself (~10 % of an exchange call's CPU in the
     * benchmark's profile), and asked MVC which handler would serve a path rather than what the rule says. The hub
     * has one servlet at {@code /}, so the pattern is the whole path; {@code /api/**} still covers {@code /api}.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        return http
                .securityMatcher("/api/**", "/actuator/**")
                .csrf(csrf -> csrf.disable()) // stateless bearer-token API: no cookies, nothing to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus", "/api/v1/openapi.yaml").permitAll()
                        .requestMatchers("/api/v1/message-log/**", "/api/v1/catalogue/sync", "/api/v1/catalogue/runs")
                        .hasRole(Caller.OPS)
                        .requestMatchers("/api/v1/statistics", "/api/v1/statistics/**").hasAnyRole(Caller.OPS, Caller.BUREAU)
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(tokensUncheckable(json));
                                return filter;
                            }
                        })
                        .bearerTokenResolver(new BearerTokenHeader())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfig::authentication))
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                                    "a valid access token is required"));
                        })
                        .accessDeniedHandler((request, response, e) -> write(response, json,
                                Problems.of(HttpStatus.FORBIDDEN, "NO_ACCESS_RIGHT", "this caller may not use this resource"))))
                .build();
    }

    /**
     * A token that could not be checked at all — the hub has not got the realm's keys, because Keycloak was down
     * since the hub started — is the hub's trouble, not the caller's: 503 with {@code Retry-After}, never a 500 or
     * a servlet error page. A token that was checked and found wanting is the caller's 401, as ever.
     */
    private static AuthenticationFailureHandler tokensUncheckable(ObjectMapper json) {
        return (request, response, failure) -> {
            if (failure instanceof AuthenticationServiceException) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                write(response, json, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SIGN_IN_UNAVAILABLE",
                        "tokens cannot be checked just now: the sign-in service is unreachable"));
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                    "a valid access token is required"));
        };
    }

    /** Whatever neither the portal (order 1) nor the API (order 2) claims is refused. */
    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.securityMatcher("/**")
                // the readable error page (templates/error.html: status only, never a trace)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/error").permitAll().anyRequest().denyAll())
                .build();
    }

    private static AbstractAuthenticationToken authentication(Jwt jwt) {
        Caller caller = Caller.from(jwt);
        return new JwtAuthenticationToken(jwt, caller.authorities().stream().map(SimpleGrantedAuthority::new).toList(),
                caller.subject());
    }

    private static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        json.writeValue(response.getOutputStream(), problem);
    }
}
