package tongban.mocks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo back office of a department: once its intake took an application, it fetches its own client-credentials
 * token and sends its decisions, in its own words, to the hub's callback — here a stand-in for Keycloak and the hub.
 */
class DepartmentBackOfficeTest {

    @Test
    void anApplicationTakenIsDecidedAndTheHubIsToldInTheDepartmentsWords() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        HttpServer hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/realms/tongban/protocol/openid-connect/token", exchange -> {
            assertThat(exchange.getRequestHeaders().getFirst("Authorization")).startsWith("Basic ");
            byte[] token = "{\"access_token\":\"department-token\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, token.length);
            exchange.getResponseBody().write(token);
            exchange.close();
        });
        hub.createContext("/api/v1/callbacks/", exchange -> {
            notices.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        hub.start();
        String base = "http://127.0.0.1:" + hub.getAddress().getPort();
        System.setProperty("tongban.portals.issuer", base + "/realms/tongban");
        System.setProperty("tongban.portals.hub-url", base);
        System.setProperty("tongban.back-office.enabled", "true");
        WireMockServer registration;
        try {
            registration = MockDepartment.start("enterprise-registration", 0, false);
        } finally {
            System.clearProperty("tongban.back-office.enabled");
            System.clearProperty("tongban.portals.issuer");
            System.clearProperty("tongban.portals.hub-url");
        }
        try {
            HttpResponse<String> refused = apply(registration, "海口市椰风数字科技有限公司"); // a name already taken
            assertThat(refused.body()).contains("E1001");
            HttpResponse<String> applied = apply(registration, "海口市测试有限公司");
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

            await().atMost(java.time.Duration.ofSeconds(15)).until(() -> notices.size() >= 2);
            assertThat(notices).as("the accepted application only, accepted then approved").hasSize(2);
            assertThat(notices.get(0)).startsWith("Bearer department-token /api/v1/callbacks/enterprise-registration/application-status")
                    .contains("\"wbywh\":\"TB20261130000007-01\"", "\"blzt\":\"01\"");
            assertThat(notices.get(1)).contains("\"blzt\":\"04\"", "\"tyshxydm\":\"91460100MA").doesNotContain("{{");
        } finally {
            registration.stop();
            hub.stop(0);
        }
    }

    private static HttpResponse<String> apply(WireMockServer registration, String name) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registration.baseUrl()
                        + "/qydj/api/v2/sqsl/slsq"))
                .header("Content-Type", "application/json").header("X-Api-Key", "demo-only-scjg-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"wbywh\":\"TB20261130000007-01\",\"qymc\":\"" + name + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCreditCodeMadeFromACaseNumberPassesItsCheck() {
        String code = DepartmentBackOffice.creditCode("TB20261130000042-01");
        assertThat(code).hasSize(18).startsWith("91460100MA");
        int sum = 0;
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(code.charAt(i)) * weights[i];
        }
        assertThat(alphabet.indexOf(code.charAt(17))).isEqualTo((31 - sum % 31) % 31);
    }
}
