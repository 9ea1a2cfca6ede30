package tongban.adapters.described;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.adapters.AdapterRouteTest;
import tongban.adapters.support.DepartmentException.Kind;
import tongban.mocks.MockDepartment;

import java.nio.charset.Charset;

import static org.assertj.core.api.Assertions.assertThat;

/** Social insurance, described by departments/social-insurance.yaml: XML over HTTP in GBK. */
class SocialInsuranceRouteTest extends AdapterRouteTest {

    private static final String DEPT = "social-insurance";
    private static final Charset GBK = Charset.forName("GBK");
    private static final WireMockServer INSURANCE = MockDepartment.start(DEPT, 0);

    @DynamicPropertySource
    static void departments(DynamicPropertyRegistry registry) {
        registry.add("tongban.departments.social-insurance.url", INSURANCE::baseUrl);
        registry.add("tongban.departments.social-insurance.timeout-ms", () -> "1500");
    }

    @AfterAll
    static void stop() {
        INSURANCE.stop();
    }

    @BeforeEach
    void prepare() {
        startOnce();
        INSURANCE.resetRequests();
    }

    private Exchange record(String idNumber) {
        return call(DEPT, "contribution-record",
                "{\"idNumber\":\"" + idNumber + "\",\"fromMonth\":\"2020-01\",\"toMonth\":\"2020-03\"}");
    }

    @Test
    void aGbkAnswerKeepsItsChineseNamesAndIsMapped() {
        Exchange result = record("460100199001011230");

        assertThat(result.getException()).isNull();
        JsonNode data = result.getMessage().getBody(JsonNode.class);
        assertThat(data.path("name").asText()).isEqualTo("张三");
        assertThat(data.path("employer").asText()).isEqualTo("海口市椰风数字科技有限公司");
        JsonNode months = data.path("months");
        assertThat(months).hasSize(5);
        assertThat(months.get(1).path("insuranceType").asText()).isEqualTo("MEDICAL");
        assertThat(months.get(0).path("base").decimalValue()).isEqualByComparingTo("6000");
        assertThat(months.get(4).path("paid").asBoolean()).isFalse();
    }

    @Test
    void theRequestGoesOutAsGbkXmlWithTheDepartmentsFieldNames() {
        record("460100199001011230");

        LoggedRequest sent = INSURANCE.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/sbjk/services/jfjl"))).get(0);
        assertThat(sent.getHeader("Content-Type")).containsIgnoringCase("charset=GBK");
        String xml = new String(sent.getBody(), GBK);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"GBK\"?>")
                .contains("<aac002>460100199001011230</aac002>", "<aae041>202001</aae041>", "<aae042>202003</aae042>",
                        "<jylsh>test-request-1</jylsh>");
    }

    @Test
    void aSingleRowIsStillAList() {
        JsonNode data = record("460100198506152341").getMessage().getBody(JsonNode.class);

        assertThat(data.path("name").asText()).isEqualTo("李四");
        assertThat(data.path("months").isArray()).isTrue();
        assertThat(data.path("months")).hasSize(1);
    }

    @Test
    void departmentOutcomesAreClassified() {
        assertThat(kindOf(record("110101199003074258"), DEPT)).isEqualTo(Kind.RECORD_NOT_FOUND);
        assertThat(kindOf(record("460100200001019991"), DEPT)).isEqualTo(Kind.ERROR);
        assertThat(kindOf(record("460100197001017772"), DEPT)).isEqualTo(Kind.TIMEOUT);
    }
}
