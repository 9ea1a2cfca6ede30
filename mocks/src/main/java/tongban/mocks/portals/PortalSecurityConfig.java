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
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Map;

/**
 * Code flow with PKCE S256 at the shared Keycloak, RP-initiated and back-channel logout — like the hub's portal —
 * and step-up: {@code /oauth2/authorization/keycloak?acr_values=3} signs the person in again at level 3.
 */
@Configuration
@EnableWebSecurity
class PortalSecurityConfig {

    @Bean
    ClientRegistrationRepository clientRegistrations(@Value("${department-portal.issuer}") String issuer,
                                                     @Value("${department-portal.client-id}") String clientId,
                                                     @Value("${department-portal.client-secret}") String secret) {
        String oidc = issuer + "/protocol/openid-connect";
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("keycloak")
                .clientId(clientId).clientSecret(secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(oidc + "/auth").tokenUri(oidc + "/token").jwkSetUri(oidc + "/certs")
                // no userinfo endpoint: the ID token carries every claim the page shows, one Keycloak call less
                .userNameAttributeName("preferred_username")
                .issuerUri(issuer)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", oidc + "/logout"))
                .build());
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
        DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler endKeycloakSession =
                new OidcClientInitiatedLogoutSuccessHandler(registrations);
        endKeycloakSession.setPostLogoutRedirectUri("{baseUrl}/");
        return http
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(new StraightToKeycloak(new StepUp(pkce))))
                .oauth2Login(login -> login.loginPage("/oauth2/authorization/keycloak")
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(new StepUp(pkce))))
                .logout(logout -> logout.logoutSuccessHandler(endKeycloakSession))
                .oidcLogout(logout -> logout.backChannel(backChannel -> backChannel.logoutHandler(endLocalSession)))
                .build();
    }
}
