package tongban.hub.portal;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.net.URI;

/**
 * The headers of the hub's own pages. {@code Content-Security-Policy}: scripts and styles only from the hub's
 * {@code /assets/} (no inline script, no inline style), images from the hub or drawn inline as SVG, no framing, forms
 * sent only to the hub or — the logout's redirect — to Keycloak. {@code Referrer-Policy: same-origin}: a case number
 * in an address never leaves for another site. Pages of legacy portals passed through the gateway
 * ({@code /portals/**}) are theirs and keep their own policy.
 */
final class PageHeaders {

    static final String GATEWAY = "/portals/";

    private PageHeaders() {
    }

    static void apply(HeadersConfigurer<HttpSecurity> headers, String issuer) {
        RequestMatcher ownPage = request -> !request.getRequestURI().substring(request.getContextPath().length())
                .startsWith(GATEWAY);
        headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(ownPage,
                new ContentSecurityPolicyHeaderWriter(policy(issuer))));
        headers.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }

    static String policy(String issuer) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' " + origin(issuer);
    }

    private static String origin(String issuer) {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
