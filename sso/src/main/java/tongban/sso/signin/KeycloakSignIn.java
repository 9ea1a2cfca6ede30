package tongban.sso.signin;

import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.util.Map;
import java.util.function.Consumer;

/**
 * How a Tongban web application signs people in at the city's Keycloak — the hub's portal and ops console and every
 * department portal alike, so that there is one way: authorization code with PKCE S256 and the exact redirect URI
 * {@code {baseUrl}/login/oauth2/code/{registrationId}}; the client's registration built from the issuer alone
 * (no discovery, so an application starts whether or not Keycloak is up); the ID token's claims only (no userinfo
 * call); RP-initiated logout that ends the Keycloak session and comes back to the application's root; and a visitor
 * who is not signed in sent straight to Keycloak's authorization endpoint.
 */
public final class KeycloakSignIn {

    /** Where Spring Security's authorization requests start: {@code /oauth2/authorization/{registrationId}}. */
    public static final String AUTHORIZATION_BASE = "/oauth2/authorization";

    private KeycloakSignIn() {
    }

    /**
     * A confidential client of the realm at {@code issuer}.
     *
     * @param jwkSetUri the realm's keys — {@code issuer/protocol/openid-connect/certs}, unless the application reaches
     *                  Keycloak by another address than the issuer's
     */
    public static ClientRegistration client(String registrationId, String issuer, String jwkSetUri, String clientId,
                                            String clientSecret) {
        String oidc = issuer + "/protocol/openid-connect";
        return ClientRegistration.withRegistrationId(registrationId)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(oidc + "/auth")
                .tokenUri(oidc + "/token")
                .jwkSetUri(jwkSetUri == null ? oidc + "/certs" : jwkSetUri)
                // no userinfo endpoint: the ID token carries every claim the pages show, one Keycloak call less
                .userNameAttributeName("preferred_username")
                .issuerUri(issuer)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", oidc + "/logout"))
                .build();
    }

    /** Authorization requests with PKCE S256, then whatever else the application adds (a hint, a level). */
    public static DefaultOAuth2AuthorizationRequestResolver withPkce(ClientRegistrationRepository registrations,
                                                                     Consumer<OAuth2AuthorizationRequest.Builder> more) {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce().andThen(more));
        return resolver;
    }

    /** Logging out here ends the Keycloak session too, and Keycloak sends the person back to this application's root. */
    public static OidcClientInitiatedLogoutSuccessHandler logoutAtKeycloak(ClientRegistrationRepository registrations) {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        return handler;
    }

    /**
     * Sends a visitor who is not signed in straight to Keycloak's authorization endpoint (PKCE, state and nonce kept
     * in the session the callback reads them from) instead of first to {@code /oauth2/authorization/…} and from there
     * to Keycloak: one round trip less on every sign-in.
     */
    public static AuthenticationEntryPoint straightToKeycloak(String registrationId,
                                                              OAuth2AuthorizationRequestResolver resolver) {
        AuthorizationRequestRepository<OAuth2AuthorizationRequest> requests =
                new HttpSessionOAuth2AuthorizationRequestRepository();
        return (request, response, reason) -> {
            OAuth2AuthorizationRequest authorization = resolver.resolve(request, registrationId);
            requests.saveAuthorizationRequest(authorization, request, response);
            response.sendRedirect(authorization.getAuthorizationRequestUri());
        };
    }
}
