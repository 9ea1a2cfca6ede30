package tongban.hub.portal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@code /portal?idp=province} sends a person who is not signed in straight to the provincial identity platform
 * ({@code kc_idp_hint=province}: Keycloak's identity-provider redirector skips its own login page) — the link a
 * city puts on its pages for people who have a provincial account. Only {@code province} is passed on, never a
 * value from the address as such; anything else is ignored and the usual login page appears.
 */
final class ProvinceHint {

    static final String PARAMETER = "idp";
    static final String PROVINCE = "province";

    private ProvinceHint() {
    }

    static void apply(OAuth2AuthorizationRequest.Builder authorization) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && PROVINCE.equals(hint(attributes.getRequest()))) {
            authorization.additionalParameters(parameters -> parameters.put("kc_idp_hint", PROVINCE));
        }
    }

    private static String hint(HttpServletRequest request) {
        return request.getParameter(PARAMETER);
    }
}
