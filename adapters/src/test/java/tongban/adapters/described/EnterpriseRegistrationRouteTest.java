package tongban.adapters.described;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.adapters.AdapterRouteTest;
import tongban.adapters.support.DepartmentException.Kind;
import tongban.adapters.support.InvalidRequestException;
import tongban.mocks.MockDepartment;

import java.math.BigDecimal;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The enterprise-registration department, described by departments/enterprise-registration.yaml only. */
class EnterpriseRegistrationRouteTest extends AdapterRouteTest {

    private static final String DEPT = "enterprise-registration";
    private static final WireMockServer REGISTRY = MockDepartment.start(DEPT, 0);

    @DynamicPropertySource
    static void departments(DynamicPropertyRegistry registry) {
        registry.add("tongban.departments.enterprise-registration.url", REGISTRY::baseUrl);
        registry.add("tongban.departments.enterprise-registration.timeout-ms", () -> "1500");
    }

    @AfterAll
    static void stop() {
        REGISTRY.stop();
    }

    @BeforeEach
    void prepare() {
        startOnce();
        REGISTRY.resetRequests();
    }

    private Exchange enterprise(String creditCode) {
        return call(DEPT, "enterprise", "{\"creditCode\":\"" + creditCode + "\"}");
    }

    @Test
    void enterpriseIsMappedToCanonicalFields() {
        Exchange result = enterprise("91460100MA5T12345C");

        assertThat(result.getException()).isNull();
        JsonNode data = result.getMessage().getBody(JsonNode.class);
        assertThat(data.path("name").asText()).isEqualTo("海口市椰风数字科技有限公司");
        assertThat(data.path("legalRepresentative").asText()).isEqualTo("张三");
        assertThat(data.path("status").asText()).isEqualTo("ACTIVE");
        // sent as the JSON number 500.000000: kept with its scale, as the registry wrote it
        assertThat(data.path("registeredCapitalTenThousandYuan").decimalValue()).isEqualTo(new BigDecimal("500.000000"));
        assertThat(data.path("establishedOn").asText()).isEqualTo("2019-04-15");
        assertThat(data.has("sjc")).as("fields not described are not passed on").isFalse();
    }

    @Test
    void codedStatusAndGroupedNumbersAreRead() {
        JsonNode data = enterprise("91460100MA5TDX7H27").getMessage().getBody(JsonNode.class);

        assertThat(data.path("status").asText()).isEqualTo("REVOKED");
        assertThat(data.path("registeredCapitalTenThousandYuan").decimalValue()).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void apiKeyIsSentAndCallerHeadersAreNot() {
        enterprise("91460100MA5T12345C");

        REGISTRY.verify(1, getRequestedFor(urlEqualTo("/qydj/api/v2/qyxx/91460100MA5T12345C"))
                .withHeader("X-Api-Key", equalTo("demo-only-scjg-key"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void aCodeWithAWrongCheckCharacterNeverReachesTheDepartment() {
        Exchange result = enterprise("91460100MA5T12345D");

        assertThat(failureOf(result, DEPT)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("creditCode"));
        REGISTRY.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void departmentOutcomesAreClassified() {
        assertThat(kindOf(enterprise("91460100MA5T00000H"), DEPT)).isEqualTo(Kind.RECORD_NOT_FOUND);
        assertThat(kindOf(enterprise("91460100MA5TERR00G"), DEPT)).isEqualTo(Kind.ERROR);
        assertThat(kindOf(enterprise("91460100MA5TBLKY02"), DEPT)).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void aSlowAnswerIsATimeoutAfterTheConfiguredTime() {
        long started = System.nanoTime();

        Exchange result = enterprise("91460100MA5TDELAY4");

        assertThat(kindOf(result, DEPT)).isEqualTo(Kind.TIMEOUT);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }
}
