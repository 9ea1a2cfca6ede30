package tongban.hub.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tongban.hub.support.HubTest;
import tongban.hub.support.WindowCases;
import tongban.hub.support.Tokens;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** The exchange API end to end: real Keycloak tokens, the real hub, the departments' stubs. */
class ExchangeEndToEndTest extends HubTest {

    static final String ZHANGSAN_ID = "460100199001011230";
    static final String LISI_ID = "460100198506152341";

    @BeforeEach
    void clearJournals() {
        PUBLIC_SECURITY.resetRequests();
        ITEM_LIBRARY.resetRequests();
    }

    @Test
    void aCitizenVerifiesTheirOwnIdentityThroughSoap() throws Exception {
        ResponseEntity<String> response = call("zhangsan", "public-security/identity-verification",
                "{\"name\": \"张三\", \"idNumber\": \"" + ZHANGSAN_ID + "\"}");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode body = read(response);
        assertThat(body.at("/data/result").asText()).isEqualTo("MATCH");
        assertThat(body.path("department").asText()).isEqualTo("public-security");
        assertThat(body.path("requestId").asText()).isEqualTo(response.getHeaders().getFirst("X-Request-Id"));
    }

    @Test
    void theSameTokenReadsTheItemLibrary() throws Exception {
        ResponseEntity<String> response = call("zhangsan", "item-library/item-detail",
                "{\"implementationCode\": \"11460100MB1926354K4000303002000\"}");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(read(response).at("/data/name").asText()).isEqualTo("企业设立登记");
        assertThat(read(response).at("/data/legalTimeLimitDays").asInt()).isEqualTo(15);
    }

    @Test
    void servicesListShowsOnlyWhatTheClientMayUse() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of("lisi"));
        ResponseEntity<String> response = http.exchange("/api/v1/services", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(read(response).findValuesAsText("path")).containsExactlyInAnyOrder(
                "/api/v1/services/item-library/item-detail",
                "/api/v1/services/public-security/identity-verification",
                "/api/v1/services/public-security/household-registration",
                "/api/v1/services/enterprise-registration/enterprise",
                "/api/v1/services/construction-approval/project-status",
                "/api/v1/services/tax/tax-clearance",
                "/api/v1/services/tax/taxpayer-status",
                "/api/v1/services/social-insurance/contribution-record",
                // the departments' application intakes: the test CLI is granted whole departments
                "/api/v1/services/public-security/seal-engraving",
                "/api/v1/services/enterprise-registration/establishment-application",
                "/api/v1/services/tax/new-taxpayer-application",
                "/api/v1/services/tax/deed-tax-declaration",
                "/api/v1/services/social-insurance/employer-registration",
                "/api/v1/services/social-insurance/resident-pension-registration",
                // and their work-order intakes (the hotline and the provincial rating system are not granted)
                "/api/v1/services/enterprise-registration/work-order",
                "/api/v1/services/tax/work-order",
                "/api/v1/services/traffic-police/driving-licence",
                "/api/v1/services/traffic-police/vehicles",
                "/api/v1/services/traffic-police/violations",
                "/api/v1/services/traffic-police/fine-payment");
    }

    @Test
    void aServiceNotGrantedToTheClientIsRefused() throws Exception {
        assertProblem(call("zhangsan", "item-library/items", "{\"page\": 1}"), 403, "NO_ACCESS_RIGHT");
        assertThat(ITEM_LIBRARY.getAllServeEvents()).isEmpty();
    }

    @Test
    void noTokenIs401WithTheRequestIdEchoed() throws Exception {
        ResponseEntity<String> response = call(null, "public-security/identity-verification",
                "{\"name\": \"张三\", \"idNumber\": \"" + ZHANGSAN_ID + "\"}", Map.of("X-Request-Id", "trace-401"));

        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.getHeaders().getFirst("X-Request-Id")).isEqualTo("trace-401");
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void aGarbledTokenIs401() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of("zhangsan") + "x");
        ResponseEntity<String> response = http.exchange("/api/v1/services", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
        assertProblem(response, 401, "UNAUTHENTICATED");
    }

    @Test
    void aCitizenCannotAskAboutSomeoneElse() throws Exception {
        assertProblem(call("zhangsan", "public-security/identity-verification",
                "{\"name\": \"李四\", \"idNumber\": \"" + LISI_ID + "\"}"), 403, "NOT_OWN_DATA");
        assertThat(PUBLIC_SECURITY.getAllServeEvents()).isEmpty();
    }

    @Test
    void staffMayAskAboutOthersOnlyForACase() throws Exception {
        String body = "{\"idNumber\": \"" + LISI_ID + "\"}";
        assertProblem(call("wangwu", "public-security/household-registration", body), 403, "CASE_ID_REQUIRED");
        assertProblem(call("wangwu", "public-security/household-registration", body,
                Map.of("X-Case-Id", "HK-2020-000123")), 403, "CASE_NOT_FOUND");
        String caseNumber = WindowCases.idCardRenewal(http, json, "wangwu", LISI_ID, "李四");

        ResponseEntity<String> withCase = call("wangwu", "public-security/household-registration", body,
                Map.of("X-Case-Id", caseNumber));

        assertThat(withCase.getStatusCode().value()).isEqualTo(200);
        assertThat(read(withCase).at("/data/name").asText()).isEqualTo("李四");
        assertThat(read(withCase).path("caseId").asText()).isEqualTo(caseNumber);
    }

    @Test
    void unknownServiceIs404() throws Exception {
        assertProblem(call("zhangsan", "public-security/no-such-service", "{}"), 404, "UNKNOWN_SERVICE");
        assertProblem(call("zhangsan", "no-such-department/items", "{}"), 404, "UNKNOWN_SERVICE");
        assertProblem(call("zhangsan", "x".repeat(300) + "/items", "{}"), 404, "UNKNOWN_SERVICE");
    }

    @Test
    void soapFaultIs502WithoutTheDepartmentsInternals() throws Exception {
        String caseNumber = WindowCases.idCardRenewal(http, json, "wangwu", "460100200001019991", "某人");
        assertProblem(call("wangwu", "public-security/identity-verification",
                "{\"name\": \"某人\", \"idNumber\": \"460100200001019991\"}", Map.of("X-Case-Id", caseNumber)),
                502, "DEPARTMENT_ERROR");
    }

    @Test
    void errorCodeInsideA200BodyIs502() throws Exception {
        assertProblem(call("zhangsan", "item-library/item-detail",
                "{\"implementationCode\": \"11460100FAILURE00000000000000000\"}"), 502, "DEPARTMENT_ERROR");
    }

    @Test
    void slowDepartmentIs504WithinTheConfiguredTimeout() throws Exception {
        String caseNumber = WindowCases.idCardRenewal(http, json, "wangwu", "460100197001017772", "某人");
        long started = System.nanoTime();

        ResponseEntity<String> response = call("wangwu", "public-security/identity-verification",
                "{\"name\": \"某人\", \"idNumber\": \"460100197001017772\"}", Map.of("X-Case-Id", caseNumber));

        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertProblem(response, 504, "DEPARTMENT_TIMEOUT");
        assertThat(tookMs).isBetween((long) DEPARTMENT_TIMEOUT_MS - 100, DEPARTMENT_TIMEOUT_MS + 2_000L);
    }

    @Test
    void unknownItemIs404RecordNotFound() throws Exception {
        assertProblem(call("zhangsan", "item-library/item-detail",
                "{\"implementationCode\": \"11460100000000000000000000000000\"}"), 404, "RECORD_NOT_FOUND");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertProblem(call("zhangsan", "public-security/identity-verification", "{\"name\": \"张三\","),
                400, "MALFORMED_JSON");
        assertProblem(call("zhangsan", "public-security/identity-verification", "[1, 2]"), 400, "INVALID_REQUEST");
    }

    @Test
    void oversizedBodyIs400AndNeverReachesTheDepartment() throws Exception {
        String big = "{\"name\": \"" + "张".repeat(3000) + "\", \"idNumber\": \"" + ZHANGSAN_ID + "\"}";

        assertProblem(call("zhangsan", "public-security/identity-verification", big), 400, "PAYLOAD_TOO_LARGE");
        assertThat(PUBLIC_SECURITY.getAllServeEvents()).isEmpty();
    }

    @Test
    void invalidFieldsAre400NamingTheField() throws Exception {
        ResponseEntity<String> badId = call("zhangsan", "public-security/identity-verification",
                "{\"name\": \"张三\", \"idNumber\": \"460100199001011231\"}");
        assertProblem(badId, 400, "INVALID_REQUEST");
        assertThat(read(badId).path("detail").asText()).contains("idNumber");

        ResponseEntity<String> noName = call("zhangsan", "public-security/identity-verification",
                "{\"idNumber\": \"" + ZHANGSAN_ID + "\"}");
        assertProblem(noName, 400, "INVALID_REQUEST");
        assertThat(read(noName).path("detail").asText()).contains("name");
        PUBLIC_SECURITY.verify(0, postRequestedFor(urlPathMatching(".*")).withRequestBody(containing("gmsfhm")));
    }

    @Test
    void malformedCaseIdIs400() throws Exception {
        assertProblem(call("wangwu", "public-security/household-registration",
                "{\"idNumber\": \"" + LISI_ID + "\"}", Map.of("X-Case-Id", "<script>")), 400, "INVALID_REQUEST");
    }

    @Test
    void aCallThatIsNotJsonOrNotAPostIsRefusedAsProblemJsonBeforeTheDepartment() throws Exception {
        HttpHeaders text = new HttpHeaders();
        text.setBearerAuth(Tokens.of("zhangsan"));
        text.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<String> notJson = http.exchange("/api/v1/services/item-library/item-detail", HttpMethod.POST,
                new HttpEntity<>("{\"implementationCode\": \"11460100MB1926354K4000303002000\"}", text), String.class);
        assertProblem(notJson, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(notJson.getHeaders().getAccept()).containsExactly(MediaType.APPLICATION_JSON);

        HttpHeaders token = new HttpHeaders();
        token.setBearerAuth(Tokens.of("zhangsan"));
        ResponseEntity<String> get = http.exchange("/api/v1/services/item-library/item-detail", HttpMethod.GET,
                new HttpEntity<>(token), String.class);
        assertProblem(get, 405, "METHOD_NOT_ALLOWED");
        assertThat(get.getHeaders().getAllow()).containsExactly(HttpMethod.POST);
        assertThat(ITEM_LIBRARY.getAllServeEvents()).isEmpty();
    }

    @Test
    void theCallsAnswerCarriesTheSameSecurityHeadersAsEveryApiAnswer() {
        ResponseEntity<String> answer = call("zhangsan", "item-library/item-detail",
                "{\"implementationCode\": \"11460100MB1926354K4000303002000\"}");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.getHeaders().getCacheControl()).contains("no-store");
    }

    @Test
    void theApiDocumentIsServed() {
        ResponseEntity<String> document = http.getForEntity("/api/v1/openapi.yaml", String.class);

        assertThat(document.getStatusCode().value()).isEqualTo(200);
        assertThat(document.getBody()).contains("/api/v1/services/{department}/{service}", "DEPARTMENT_TIMEOUT");
        // what is served is what a client's generator reads without a complaint (ApiDocumentTest checks the file)
        assertThat(new OpenAPIV3Parser().readContents(document.getBody(), null, null).getMessages()).isEmpty();
    }

    @Test
    void anythingOutsideTheApiIsDenied() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of("zhaoliu"));
        assertThat(http.exchange("/actuator/env", HttpMethod.GET, new HttpEntity<>(headers), String.class)
                .getStatusCode().value()).isIn(401, 403, 404);
    }
}
