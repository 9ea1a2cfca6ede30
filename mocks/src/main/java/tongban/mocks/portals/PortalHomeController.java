package tongban.mocks.portals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tongban.mocks.MockDepartment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The portal's one page: who is signed in, and the department's service for them, asked of the hub. */
@Controller
class PortalHomeController {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final ObjectMapper json = new ObjectMapper();
    private final OAuth2AuthorizedClientService authorizedClients;
    private final String title;
    private final String hubUrl;
    private final String service;
    private final String requestJson;
    private final PanelWords words;

    PortalHomeController(@Value("${department-portal.department}") String department,
                         @Value("${department-portal.title}") String title,
                         @Value("${department-portal.hub-url}") String hubUrl,
                         @Value("${department-portal.service}") String service,
                         @Value("${department-portal.request-json}") String requestJson,
                         OAuth2AuthorizedClientService authorizedClients) {
        this.authorizedClients = authorizedClients;
        this.title = title;
        this.hubUrl = hubUrl;
        this.service = service;
        this.requestJson = requestJson;
        this.words = new PanelWords(MockDepartment.properties(department, "portal.properties"));
    }

    /**
     * Who is signed in, at once; the department's service for them follows from {@link #service} as soon as the
     * page is there (a hub call may take a department's time, the sign-in should not wait for it).
     */
    @GetMapping("/")
    String home(@AuthenticationPrincipal OidcUser user, Model model) {
        String idNumber = user.getClaimAsString("id_number");
        model.addAttribute("title", title);
        model.addAttribute("name", user.getFamilyName() != null && user.getGivenName() != null
                ? user.getFamilyName() + user.getGivenName() : user.getPreferredUsername());
        model.addAttribute("maskedIdNumber", idNumber == null || idNumber.length() < 8 ? "—"
                : idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4));
        model.addAttribute("signInLevel", user.getClaimAsString("acr"));
        model.addAttribute("service", service);
        return "department-portal";
    }

    /** The service panel: the hub's answer for the signed-in person, with their own token. */
    @GetMapping("/service")
    String service(@AuthenticationPrincipal OidcUser user, OAuth2AuthenticationToken authentication, Model model) {
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient("keycloak", authentication.getName());
        String idNumber = user.getClaimAsString("id_number");
        Answer answer = idNumber == null ? new Answer(0, null, PanelWords.problem("NOT_A_CITIZEN"), null)
                : ask(client.getAccessToken().getTokenValue(), requestJson.replace("{idNumber}", idNumber));
        model.addAttribute("answer", answer);
        return "department-portal :: service";
    }

    /** The hub's answer: its status, the data on success in words, or why not in words (and the level to step up to). */
    record Answer(int status, List<PanelWords.Row> data, String problem, String stepUpTo) {
    }

    private Answer ask(String token, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hubUrl + "/api/v1/services/" + service))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json.readTree(response.body());
            return response.statusCode() == 200
                    ? new Answer(200, words.rows(answer.path("data")), null, null)
                    : new Answer(response.statusCode(), null, PanelWords.problem(answer.path("code").asText("ERROR")),
                    StepUp.levelAskedFor(response.headers().firstValue("WWW-Authenticate").orElse(null)));
        } catch (Exception e) {
            return new Answer(0, null, PanelWords.problem("HUB_UNREACHABLE"), null);
        }
    }
}
