package tongban.mocks.portals;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import tongban.sso.signin.KeycloakSignIn;

/**
 * The sign-in every Tongban web app has ({@link KeycloakSignIn}: code flow with PKCE S256 at the shared Keycloak,
 * RP-initiated logout), back-channel logout on this portal's own session cookie, and step-up:
 * {@code /oauth2/authorization/keycloak?acr_values=3} signs the person in again at level 3.
 */
@Configuration
@EnableWebSecurity
class PortalSecurityConfig {

    private static final String REGISTRATION = "keycloak";

    @Bean
    ClientRegistrationRepository clientRegistrations(@Value("${department-portal.issuer}") String issuer,
                                                     @Value("${department-portal.client-id}") String clientId,
                                                     @Value("${department-portal.client-secret}") String secret) {
        return new InMemoryClientRegistrationRepository(
                KeycloakSignIn.client(REGISTRATION, issuer, null, clientId, secret));
    }

    @Bean
    OAuth2AuthorizedClientService authorizedClients(ClientRegistrationRepository registrations) {
        return new InMemoryOAuth2AuthorizedClientService(registrations);
    }

    @Bean
    OidcSessionRegistry oidcSessions() {
        return new InMemoryOidcSessionRegistry();
    }

    @Bean
    SecurityFilterChain portal(HttpSecurity http, ClientRegistrationRepository registrations, OidcSessionRegistry sessions,
                               @Value("${server.servlet.session.cookie.name}") String sessionCookie) throws Exception {
        // each portal has its own session cookie (they share a host name); the back-channel logout must send that one
        OidcBackChannelLogoutHandler endLocalSession = new OidcBackChannelLogoutHandler(sessions);
        endLocalSession.setSessionCookieName(sessionCookie);
        StepUp pkceAndLevel = new StepUp(KeycloakSignIn.withPkce(registrations, request -> { }));
        return http
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        KeycloakSignIn.straightToKeycloak(REGISTRATION, pkceAndLevel)))
                .oauth2Login(login -> login.loginPage(KeycloakSignIn.AUTHORIZATION_BASE + "/" + REGISTRATION)
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(pkceAndLevel)))
                .logout(logout -> logout.logoutSuccessHandler(KeycloakSignIn.logoutAtKeycloak(registrations)))
                .oidcLogout(logout -> logout.backChannel(backChannel -> backChannel.logoutHandler(endLocalSession)))
                .build();
    }
}
