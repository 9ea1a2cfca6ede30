package tongban.hub.portal;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;
import tongban.sso.identity.Caller;

/**
 * Who is acting on a page: the caller read from the session's own access token, validated like any API token, so
 * that every page acts under the same rules as the API.
 */
@Component
class SessionCallers {

    private final JwtDecoder tokens;

    SessionCallers(JwtDecoder tokens) {
        this.tokens = tokens;
    }

    Caller of(OAuth2AuthorizedClient client) {
        return Caller.from(tokens.decode(client.getAccessToken().getTokenValue()));
    }
}
