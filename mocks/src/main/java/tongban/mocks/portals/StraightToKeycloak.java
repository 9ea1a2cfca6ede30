package tongban.mocks.portals;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * Sends a visitor who is not signed in straight to Keycloak's authorization endpoint (PKCE, state and nonce as
 * usual, kept in the session the callback reads them from), instead of first to this portal's own
 * {@code /oauth2/authorization/keycloak} and from there to Keycloak: one round trip less on every sign-in and hop.
 */
final class StraightToKeycloak implements AuthenticationEntryPoint {

    private final OAuth2AuthorizationRequestResolver resolver;
    private final AuthorizationRequestRepository<OAuth2AuthorizationRequest> requests =
            new HttpSessionOAuth2AuthorizationRequestRepository();

    StraightToKeycloak(OAuth2AuthorizationRequestResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        OAuth2AuthorizationRequest authorization = resolver.resolve(request, "keycloak");
        requests.saveAuthorizationRequest(authorization, request, response);
        response.sendRedirect(authorization.getAuthorizationRequestUri());
    }
}
