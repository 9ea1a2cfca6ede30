package tongban.hub.realname;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.web.SsoProperties;

import java.io.IOException;

/**
 * Writes a person's real-name level into their Keycloak account through Keycloak's admin API, as the service account
 * of {@link RealNameProperties#clientId()} (client credentials; the token is asked for each time — this happens once
 * in a person's life). The account's other attributes are sent back as read: the admin API replaces them whole.
 */
@Component
class KeycloakAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakAccounts.class);

    private final RestClient http;
    private final SsoProperties sso;
    private final RealNameProperties properties;
    private final ObjectMapper json;

    KeycloakAccounts(RestClient.Builder http, SsoProperties sso, RealNameProperties properties, ObjectMapper json) {
        this.http = http.build();
        this.sso = sso;
        this.properties = properties;
        this.json = json;
    }

    /**
     * @param source who established the level ({@code public-security})
     * @throws ExchangeFailure 503 {@code SIGN_IN_UNAVAILABLE} when Keycloak cannot be reached or refuses
     */
    void raiseLevel(String subject, int level, String source) {
        try {
            String admin = sso.issuer().replace("/realms/", "/admin/realms/") + "/users/" + subject;
            String token = serviceToken();
            ObjectNode user = (ObjectNode) json.readTree(http.get().uri(admin)
                    .header("Authorization", "Bearer " + token).retrieve().body(String.class));
            ObjectNode attributes = user.withObject("attributes");
            attributes.putArray("real_name_level").add(Integer.toString(level));
            attributes.putArray("real_name_source").add(source);
            http.put().uri(admin).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .body(user.toString()).retrieve().toBodilessEntity();
        } catch (RestClientException | IOException e) {
            LOG.warn("the real-name level of {} could not be written to Keycloak: {}", subject, e.toString());
            throw new ExchangeFailure(HttpStatus.SERVICE_UNAVAILABLE, "SIGN_IN_UNAVAILABLE",
                    "the account could not be updated in Keycloak; the check can be asked for again", 30);
        }
    }

    private String serviceToken() throws IOException {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        JsonNode answer = json.readTree(http.post().uri(sso.issuer() + "/protocol/openid-connect/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(String.class));
        return answer.path("access_token").asText();
    }
}
