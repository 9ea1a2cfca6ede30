package tongban.adapters.described;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.adapters.AdapterRouteTest;
import tongban.adapters.support.DepartmentException.Kind;
import tongban.adapters.support.InvalidRequestException;
import tongban.adapters.support.descriptor.ApiGatewaySigner;
import tongban.mocks.MockDepartment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tax bureau, described by departments/tax.yaml: every call signed for its API gateway, which the stub
 * enforces (bad signature, stale timestamp, reused nonce are refused the way the gateway refuses them).
 */
class TaxRouteTest extends AdapterRouteTest {

    private static final String DEPT = "tax";
    private static final WireMockServer GATEWAY = MockDepartment.start(DEPT, 0);

    @DynamicPropertySource
    static void departments(DynamicPropertyRegistry registry) {
        registry.add("tongban.departments.tax.url", GATEWAY::baseUrl);
        registry.add("tongban.departments.tax.timeout-ms", () -> "1500");
    }

    @AfterAll
    static void stop() {
        GATEWAY.stop();
    }

    @BeforeEach
    void prepare() {
        startOnce();
        GATEWAY.resetRequests();
    }

    private Exchange clearance(String idNumber) {
        return call(DEPT, "tax-clearance",
                "{\"idNumber\":\"" + idNumber + "\",\"fromMonth\":\"2020-01\",\"toMonth\":\"2020-06\"}");
    }

    @Test
    void aSignedRequestPassesTheGatewayAndIsMapped() {
        Exchange result = clearance("460100199001011230");

        assertThat(result.getException()).isNull();
        JsonNode data = result.getMessage().getBody(JsonNode.class);
        assertThat(data.path("taxpayerName").asText()).isEqualTo("张三");
        assertThat(data.path("total").decimalValue()).isEqualByComparingTo("1890.00");
        assertThat(data.path("payments")).hasSize(6);
        assertThat(data.path("payments").get(3).path("period").asText()).isEqualTo("2020-04");
        assertThat(data.path("payments").get(3).path("paidOn").asText()).isEqualTo("2020-05-15");
        GATEWAY.verify(postRequestedFor(urlEqualTo("/openapi/tax/v1/wszm/query"))
                .withRequestBody(matchingJsonPath("$.sssqq", WireMock.equalTo("202001")))
                .withRequestBody(matchingJsonPath("$.qqlsh", WireMock.equalTo("test-request-1")))
                .withHeader("Authorization", absent()));
    }

    @Test
    void aSignedQueryStringPassesToo() {
        Exchange result = call(DEPT, "taxpayer-status", "{\"creditCode\":\"91460100MA5TDX7H27\"}");

        assertThat(result.getException()).isNull();
        JsonNode data = result.getMessage().getBody(JsonNode.class);
        assertThat(data.path("status").asText()).isEqualTo("ABNORMAL");
        assertThat(data.path("creditRating").asText()).isEqualTo("D");
    }

    @Test
    void departmentOutcomesAreClassified() {
        assertThat(kindOf(clearance("460100198506152341"), DEPT)).isEqualTo(Kind.RECORD_NOT_FOUND);
        assertThat(kindOf(clearance("460100200001019991"), DEPT)).isEqualTo(Kind.ERROR);
        assertThat(kindOf(clearance("460100197001017772"), DEPT)).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void aMonthInTheWrongShapeNeverReachesTheDepartment() {
        Exchange result = call(DEPT, "tax-clearance",
                "{\"idNumber\":\"460100199001011230\",\"fromMonth\":\"202001\",\"toMonth\":\"2020-06\"}");

        assertThat(failureOf(result, DEPT)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("fromMonth"));
        GATEWAY.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theGatewayRefusesAWrongSignatureAStaleTimestampAndAReusedNonce() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String url = GATEWAY.baseUrl() + "/openapi/tax/v1/nsrzt?nsrsbh=91460100MA5T12345C";
        long now = System.currentTimeMillis();

        HttpResponse<Void> unsigned = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> forged = client.send(signedLike(url, now, "nonce-1", "Zm9yZ2Vk"),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> stale = client.send(signedLike(url, now - 16 * 60 * 1000, "nonce-2", "Zm9yZ2Vk"),
                HttpResponse.BodyHandlers.discarding());

        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("X-Ca-Error-Message")).hasValueSatisfying(
                m -> assertThat(m).startsWith("Invalid Signature"));
        assertThat(stale.headers().firstValue("X-Ca-Error-Message")).hasValue("Invalid Timestamp");
    }

    @Test
    void aReplayedRequestIsRefusedAsNonceUsed() {
        GATEWAY.resetRequests();
        // replaying the exact signed request the adapter sent is what a reused nonce looks like to the gateway
        clearance("460100199001011230");
        var sent = GATEWAY.getAllServeEvents().get(0).getRequest();
        HttpRequest.Builder replay = HttpRequest.newBuilder(URI.create(GATEWAY.baseUrl() + sent.getUrl()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent.getBody()));
        for (String header : new String[]{"X-Ca-Key", "X-Ca-Timestamp", "X-Ca-Nonce", "X-Ca-Signature",
                "X-Ca-Signature-Method", "X-Ca-Signature-Headers", "Content-MD5", "Content-Type", "Accept"}) {
            replay.header(header, sent.getHeader(header));
        }

        HttpResponse<Void> replayed = send(replay.build());

        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.headers().firstValue("X-Ca-Error-Message")).hasValue("Nonce Used");
    }

    @Test
    void aRequestSignedWithAnotherSecretIsRefused() {
        var refusal = new ApiGatewaySigner("203881190", "wrong-secret")
                .sign("GET", "application/json", null, null, "/openapi/tax/v1/nsrzt", "nsrsbh=91460100MA5T12345C",
                        System.currentTimeMillis());
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(GATEWAY.baseUrl() + "/openapi/tax/v1/nsrzt?nsrsbh=91460100MA5T12345C"))
                .header("Accept", "application/json");
        refusal.forEach(request::header);

        HttpResponse<Void> response = send(request.build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Ca-Error-Code")).hasValue("A400IS");
    }

    private static HttpRequest signedLike(String url, long timestamp, String nonce, String signature) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("X-Ca-Key", "203881190")
                .header("X-Ca-Timestamp", Long.toString(timestamp))
                .header("X-Ca-Nonce", nonce)
                .header("X-Ca-Signature", signature)
                .build();
    }

    private static HttpResponse<Void> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
