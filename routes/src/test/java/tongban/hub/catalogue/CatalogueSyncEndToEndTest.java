package tongban.hub.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tongban.hub.support.HubTest;
import tongban.hub.support.Tokens;

import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue sync against the item library's stubs, changed between runs the way the real library changes. */
class CatalogueSyncEndToEndTest extends HubTest {

    private static final String ID_CARD = "11460100008256386X4000105001000";
    private static final String TAX_CERTIFICATE = "11460100MB0X12345Q4000201001000";
    private static final String COMPANY = "11460100MB1926354K4000303002000";
    private static final String NEW_ITEM = "11460100MB1926354K4000404001000";

    private final List<StubMapping> overrides = new ArrayList<>();

    @AfterEach
    void restoreTheLibrary() {
        overrides.forEach(ITEM_LIBRARY::removeStub);
    }

    private ResponseEntity<String> sync(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of(user));
        return http.exchange("/api/v1/catalogue/sync", HttpMethod.POST, new HttpEntity<>(headers), String.class);
    }

    private JsonNode catalogue(String query) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of("zhangsan"));
        ResponseEntity<String> response = http.exchange("/api/v1/catalogue" + query, HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return read(response);
    }

    private void libraryAnswers(int status, String body) {
        overrides.add(ITEM_LIBRARY.stubFor(get(urlPathEqualTo("/api/sxk/v1/items")).atPriority(1)
                .withQueryParam("pageSize", equalTo("100"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody(body))));
    }

    private static String row(String jbbm, String ssbm, String sxmc, String ssjgmc, String gxsj) {
        return "{\"jbbm\":\"" + jbbm + "\",\"ssbm\":" + (ssbm == null ? "null" : "\"" + ssbm + "\"")
                + ",\"sxmc\":" + (sxmc == null ? "null" : "\"" + sxmc + "\"")
                + ",\"sxlx\":\"公共服务\",\"ssjgmc\":\"" + ssjgmc + "\",\"gxsj\":\"" + gxsj + "\"}";
    }

    private static String page(String... rows) {
        return "{\"code\":\"200\",\"msg\":\"成功\",\"data\":{\"total\":" + rows.length
                + ",\"pageNo\":1,\"pageSize\":100,\"rows\":[" + String.join(",", rows) + "]}}";
    }

    @Test
    void aSyncAddsChangesRemovesAndRejectsAndIsServedAndSearchable() throws Exception {
        ResponseEntity<String> first = sync("zhaoliu");
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
        assertThat(catalogue("?code=" + ID_CARD).path("total").asLong()).isEqualTo(1);
        assertThat(catalogue("?code=" + COMPANY).path("total").asLong()).isEqualTo(1);

        // the library renames one item, drops one, adds one, and sends two broken records
        libraryAnswers(200, page(
                row("000105001000", ID_CARD, "居民身份证换领（含异地换领）", "海口市公安局", "2020-06-30 09:00:00"),
                row("000201001000", TAX_CERTIFICATE, "个人完税证明开具", "国家税务总局海口市税务局", "2020-04-01 09:00:00"),
                row("000404001000", NEW_ITEM, "工程建设项目竣工联合验收", "海口市住房和城乡建设局", "2020-06-01 10:00:00"),
                row("000505001000", "11460100MB1926354K4000505001000", null, "海口市民政局", "2020-06-01 10:00:00"),
                row("000606001000", "bad code!", "无效编码的事项", "海口市民政局", "2020-06-01 10:00:00")));

        JsonNode report = read(sync("zhaoliu"));

        assertThat(report.path("outcome").asText()).isEqualTo("APPLIED");
        assertThat(report.path("itemsSeen").asInt()).isEqualTo(5);
        assertThat(report.path("added").asInt()).isEqualTo(1);
        assertThat(report.path("changed").asInt()).isEqualTo(1);
        assertThat(report.path("removed").asInt()).isEqualTo(1);
        assertThat(report.path("rejected").asInt()).isEqualTo(2);
        assertThat(report.path("changes").findValuesAsText("detail")).contains("no item name (事项名称)",
                "implementation code is not 10–40 capital letters and digits");
        assertThat(catalogue("?code=" + COMPANY).path("total").asLong()).as("removed").isZero();
        assertThat(catalogue("?name=联合验收").at("/items/0/implementationCode").asText()).isEqualTo(NEW_ITEM);
        JsonNode renamed = catalogue("?department=公安&name=身份证");
        assertThat(renamed.at("/items/0/name").asText()).isEqualTo("居民身份证换领（含异地换领）");
        assertThat(renamed.at("/items/0/version").asInt()).isEqualTo(report.path("runNo").asInt());
        assertThat(catalogue("?name=%25").path("total").asLong()).as("a % is searched for, not a wildcard").isZero();
    }

    @Test
    void aLibraryThatFailsOrAnswersNearlyEmptyChangesNothing() throws Exception {
        sync("zhaoliu");
        long before = catalogue("").path("total").asLong();

        libraryAnswers(200, page());
        JsonNode refused = read(sync("zhaoliu"));
        assertThat(refused.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("reason").asText()).contains("would remove");

        overrides.forEach(ITEM_LIBRARY::removeStub);
        libraryAnswers(500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
        assertProblem(sync("zhaoliu"), 502, "DEPARTMENT_ERROR");

        assertThat(catalogue("").path("total").asLong()).isEqualTo(before);
    }

    @Test
    void onlyOperationsStaffMaySyncButEveryoneSignedInMayRead() throws Exception {
        assertProblem(sync("zhangsan"), 403, "NO_ACCESS_RIGHT");
        assertThat(catalogue("?size=5").path("size").asInt()).isEqualTo(5);
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of("zhangsan"));
        assertProblem(http.exchange("/api/v1/catalogue?size=1000", HttpMethod.GET, new HttpEntity<>(headers),
                String.class), 400, "INVALID_REQUEST");
    }
}
