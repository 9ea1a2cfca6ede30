package tongban.mocks.portals;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 9470 step-up as a portal does it: the hub refuses with {@code WWW-Authenticate: Bearer
 * error="insufficient_user_authentication", acr_values="3"}; the portal offers to sign in again with
 * {@code acr_values=3} ({@code /oauth2/authorization/keycloak?acr_values=3}), and Keycloak asks only for what the
 * session lacks — the one-time code, not the password.
 */
final class StepUp implements OAuth2AuthorizationRequestResolver {

    private static final Pattern CHALLENGE = Pattern.compile(
            "error=\"insufficient_user_authentication\".*acr_values=\"([2-4])\"");

    private final OAuth2AuthorizationRequestResolver delegate;

    StepUp(OAuth2AuthorizationRequestResolver delegate) {
        this.delegate = delegate;
    }

    /** The level a hub challenge asks for, or null when the header is no step-up challenge. */
    static String levelAskedFor(String wwwAuthenticate) {
        if (wwwAuthenticate == null) {
            return null;
        }
        Matcher m = CHALLENGE.matcher(wwwAuthenticate);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        return withLevel(request, delegate.resolve(request));
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return withLevel(request, delegate.resolve(request, clientRegistrationId));
    }

    /** Only the levels there are (2–4) are passed on; anything else signs in as usual. */
    private static OAuth2AuthorizationRequest withLevel(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
        String level = request.getParameter("acr_values");
        if (resolved == null || level == null || !level.matches("[2-4]")) {
            return resolved;
        }
        return OAuth2AuthorizationRequest.from(resolved)
                .additionalParameters(parameters -> parameters.put("acr_values", level)).build();
    }
}
