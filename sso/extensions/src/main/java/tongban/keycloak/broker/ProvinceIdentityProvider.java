package tongban.keycloak.broker;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorPage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The province as an ordinary OpenID provider (code flow, PKCE, JWKS, issuer — all Keycloak's own), with one thing
 * added: before the browser is sent to the province, Keycloak asks the province's authorization endpoint whether it
 * answers at all (2 s to connect, 3 s in all). A province that is down gets the person a page in their language on
 * Keycloak's own address — "the provincial platform cannot be reached; try later or sign in with a city account" —
 * instead of the browser's connection error at the province's address.
 */
public class ProvinceIdentityProvider extends OIDCIdentityProvider {

    private static final Logger LOG = Logger.getLogger(ProvinceIdentityProvider.class);
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public ProvinceIdentityProvider(KeycloakSession session, OIDCIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        if (!answers(getConfig().getAuthorizationUrl())) {
            return ErrorPage.error(session, request.getAuthenticationSession(), Response.Status.SERVICE_UNAVAILABLE,
                    "provinceUnavailableMessage");
        }
        return super.performLogin(request);
    }

    /** Any HTTP answer below 500 (its own error page for a request without parameters included) means it is up. */
    static boolean answers(String authorizationUrl) {
        try {
            HttpResponse<Void> answer = PROBE.send(HttpRequest.newBuilder(URI.create(authorizationUrl))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() < 500;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("the provincial identity platform does not answer at %s: %s", authorizationUrl, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
