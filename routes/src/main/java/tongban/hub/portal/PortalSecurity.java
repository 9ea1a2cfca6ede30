package tongban.hub.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;
import tongban.hub.web.SsoProperties;

import java.util.Map;

/**
 * The portal signs citizens in through Keycloak (authorization code with PKCE S256, exact redirect URI) and keeps
 * a session; logging out ends the Keycloak session too (RP-initiated logout), and Keycloak's back-channel logout
 * (when the citizen logs out anywhere else) ends this session. Nothing here is reachable without signing in but
 * the back-channel endpoint, which only takes a logout token signed by the realm.
 */
@Configuration
class PortalSecurity {

    static final String REGISTRATION = "keycloak";

    /** Built from the issuer without discovery, so that the hub starts whether or not Keycloak is up yet. */
    @Bean
    ClientRegistrationRepository clientRegistrations(SsoProperties sso, PortalProperties portal) {
        String oidc = sso.issuer() + "/protocol/openid-connect";
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(portal.clientId())
                .clientSecret(portal.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(oidc + "/auth")
                .tokenUri(oidc + "/token")
                .jwkSetUri(sso.jwkSetUri())
                // no userinfo endpoint: the ID token carries every claim the portal shows, one Keycloak call less
                .userNameAttributeName("preferred_username")
                .issuerUri(sso.issuer())
                .providerConfigurationMetadata(Map.of("end_session_endpoint", oidc + "/logout"))
                .build());
    }

    @Bean
    @Order(1)
    SecurityFilterChain portal(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler endKeycloakSession =
                new OidcClientInitiatedLogoutSuccessHandler(registrations);
        endKeycloakSession.setPostLogoutRedirectUri("{baseUrl}/");
        return http
                .securityMatcher("/", "/portal", "/portal/**", "/portals/**", "/login/**", "/oauth2/**", "/logout",
                        "/logout/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(pkce))
                        .defaultSuccessUrl("/portal"))  // or back to the page that asked for the login
                .logout(logout -> logout.logoutSuccessHandler(endKeycloakSession))
                .oidcLogout(logout -> logout.backChannel(Customizer.withDefaults()))
                .build();
    }
}
