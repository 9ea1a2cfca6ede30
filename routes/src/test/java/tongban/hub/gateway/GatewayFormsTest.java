package tongban.hub.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayFormsTest {

    private static MockHttpServletRequest post(String host, String origin, String referer, String fetchSite) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/portals/market-regulation/name-check");
        request.addHeader("Host", host);
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        if (referer != null) {
            request.addHeader("Referer", referer);
        }
        if (fetchSite != null) {
            request.addHeader("Sec-Fetch-Site", fetchSite);
        }
        return request;
    }

    @Test
    void aFormIsTakenOnlyFromAPageOfThisHost() {
        assertThat(LegacyPortalGateway.fromThisHost(post("hub.example:8080", "http://hub.example:8080", null, "same-origin")))
                .isTrue();
        assertThat(LegacyPortalGateway.fromThisHost(post("hub.example:8080", null,
                "http://hub.example:8080/portals/market-regulation/name-check", null)))
                .as("an old browser without Origin: the Referer").isTrue();

        assertThat(LegacyPortalGateway.fromThisHost(post("hub.example:8080", "http://evil.example", null, "cross-site")))
                .isFalse();
        assertThat(LegacyPortalGateway.fromThisHost(post("hub.example:8080", "http://evil.example", null, null))).isFalse();
        assertThat(LegacyPortalGateway.fromThisHost(post("hub.example:8080", "http://hub.example:8080", null, "same-site")))
                .as("a sibling subdomain is not this origin").isFalse();
        assertThat(LegacyPortalGateway.fromThisHost(post("hub.example:8080", "http://hub.example:8081", null, null)))
                .as("another port").isFalse();
        assertThat(LegacyPortalGateway.fromThisHost(post("hub.example:8080", null, null, null)))
                .as("neither Origin nor Referer").isFalse();
        assertThat(LegacyPortalGateway.fromThisHost(post("hub.example:8080", "null", null, null)))
                .as("an opaque origin (sandboxed frame, data: page)").isFalse();
        assertThat(LegacyPortalGateway.fromThisHost(post("hub.example:8080", "javascript://hub.example:8080", null, null)))
                .isFalse();
    }

    @Test
    void thePortalsRedirectsStayBehindTheGateway() {
        String prefix = "/portals/market-regulation";
        assertThat(LegacyPortalGateway.insideGateway("http://127.0.0.1:8194/done?no=1", "http://127.0.0.1:8194", prefix))
                .isEqualTo(prefix + "/done?no=1");
        assertThat(LegacyPortalGateway.insideGateway("/done", "http://127.0.0.1:8194", prefix)).isEqualTo(prefix + "/done");
        assertThat(LegacyPortalGateway.insideGateway("done", "http://127.0.0.1:8194", prefix)).isEqualTo("done");
        assertThat(LegacyPortalGateway.insideGateway("https://evil.example/", "http://127.0.0.1:8194", prefix))
                .as("no open redirect through the gateway").isEqualTo(prefix + "/");
        assertThat(LegacyPortalGateway.insideGateway("//evil.example/x", "http://127.0.0.1:8194", prefix))
                .isEqualTo(prefix + "/");
    }
}
