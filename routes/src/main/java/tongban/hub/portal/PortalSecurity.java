package tongban.hub.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.client.ResourceAccessException;
import tongban.hub.ops.OpsProperties;
import tongban.sso.identity.Caller;
import tongban.sso.signin.KeycloakSignIn;
import tongban.hub.web.SsoProperties;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The portal signs citizens in through Keycloak the way every Tongban web app does ({@link KeycloakSignIn}:
 * authorization code with PKCE S256, exact redirect URI, straight to Keycloak's sign-in page) and keeps
 * a session; logging out ends the Keycloak session too (RP-initiated logout), and Keycloak's back-channel logout
 * (when the citizen logs out anywhere else) ends this session. Nothing here is reachable without signing in but
 * the back-channel endpoint, which only takes a logout token signed by the realm. The ops console ({@code /ops})
 * signs in through its own client and needs the realm role {@code ops}.
 */
@Configuration
class PortalSecurity {

    static final String REGISTRATION = "keycloak";
    /** The ops console's own client: a separate sign-in, a separate audience, the role checked on every page. */
    static final String OPS_REGISTRATION = "ops";

    /** Built from the issuer without discovery, so that the hub starts whether or not Keycloak is up yet. */
    @Bean
    ClientRegistrationRepository clientRegistrations(SsoProperties sso, PortalProperties portal, OpsProperties ops) {
        return new InMemoryClientRegistrationRepository(
                KeycloakSignIn.client(REGISTRATION, sso.issuer(), sso.jwkSetUri(), portal.clientId(),
                        portal.clientSecret()),
                KeycloakSignIn.client(OPS_REGISTRATION, sso.issuer(), sso.jwkSetUri(), ops.clientId(),
                        ops.clientSecret()));
    }

    @Bean
    @Order(1)
    SecurityFilterChain portal(HttpSecurity http, ClientRegistrationRepository registrations, SsoProperties sso)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver pkce = KeycloakSignIn.withPkce(registrations, ProvinceHint::apply);
        return http
                .securityMatcher("/", "/portal", "/portal/**", "/portals/**", "/ops", "/ops/**", "/login/**",
                        "/oauth2/**", "/logout", "/logout/**", "/assets/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/ops/denied", "/assets/**").permitAll()
                        .requestMatchers("/ops/statistics", "/ops/statistics/**").hasAnyRole(Caller.OPS, Caller.BUREAU)
                        .requestMatchers("/ops", "/ops/**").hasRole(Caller.OPS)
                        .anyRequest().authenticated())
                // forms posted to legacy portals cannot carry the hub's CSRF token: the gateway checks their origin
                .csrf(csrf -> csrf.ignoringRequestMatchers("/portals/**"))
                .headers(headers -> PageHeaders.apply(headers, sso.issuer()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(signInFor(Map.of("/ops", OPS_REGISTRATION), REGISTRATION, pkce))
                        .accessDeniedPage("/ops/denied"))
                .oauth2Login(login -> login
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(pkce))
                        .userInfoEndpoint(u -> u.userAuthoritiesMapper(PortalSecurity::withRealmRoles))
                        .defaultSuccessUrl("/portal")  // or back to the page that asked for the login
                        // a sign-in that cannot be finished gets a readable page (templates/error.html), not a trace
                        .failureHandler((request, response, failure) -> response.sendError(
                                keycloakUnreachable(failure) ? 503 : 400)))
                .logout(logout -> logout.logoutSuccessHandler(KeycloakSignIn.logoutAtKeycloak(registrations)))
                .oidcLogout(logout -> logout.backChannel(Customizer.withDefaults()))
                .build();
    }

    /** The sign-in failed because Keycloak could not be reached (to redeem the code, or for its keys). */
    static boolean keycloakUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof ResourceAccessException) {
                return true;
            }
            if (t instanceof OAuth2AuthenticationException e
                    && "invalid_token_response".equals(e.getError().getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each area signs in through its own client — {@code /ops/**} through the ops console's, the rest the portal's —
     * and goes straight to Keycloak's authorization endpoint (PKCE, state and nonce kept in the session as usual),
     * not first through {@code /oauth2/authorization/…}: one round trip less.
     */
    private static AuthenticationEntryPoint signInFor(Map<String, String> prefixes, String otherwise,
                                                      OAuth2AuthorizationRequestResolver resolver) {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byPath = new LinkedHashMap<>();
        prefixes.forEach((prefix, registration) -> byPath.put(
                request -> request.getRequestURI().substring(request.getContextPath().length()).startsWith(prefix),
                KeycloakSignIn.straightToKeycloak(registration, resolver)));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(byPath);
        entryPoint.setDefaultEntryPoint(KeycloakSignIn.straightToKeycloak(otherwise, resolver));
        return entryPoint;
    }

    /**
     * The realm roles of a validated ID token ({@code realm_access.roles}, put there for the ops client only) as
     * {@code ROLE_<role>}; a portal sign-in carries none and so never reaches the ops pages.
     */
    private static Collection<? extends GrantedAuthority> withRealmRoles(Collection<? extends GrantedAuthority> given) {
        Set<GrantedAuthority> authorities = new HashSet<>(given);
        for (GrantedAuthority authority : given) {
            if (authority instanceof OidcUserAuthority oidc
                    && oidc.getIdToken().getClaims().get("realm_access") instanceof Map<?, ?> access
                    && access.get("roles") instanceof Collection<?> roles) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
        }
        return authorities;
    }
}
