package tongban.hub.exchange;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tongban.hub.support.HubTest;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four departments added by descriptor only (departments/*.yaml), through the real hub with real tokens:
 * same envelope, same refusals and same problem codes as the hand-written adapters.
 */
class DescribedDepartmentsEndToEndTest extends HubTest {

    private static final String ZHANGSAN_ID = "460100199001011230";
    private static final String PERIOD = "\"fromMonth\": \"2020-01\", \"toMonth\": \"2020-06\"";

    @Test
    void oneTokenReadsEveryDescribedDepartment() throws Exception {
        ResponseEntity<String> enterprise = call("zhangsan", "enterprise-registration/enterprise",
                "{\"creditCode\": \"91460100MA5T12345C\"}");
        ResponseEntity<String> project = call("zhangsan", "construction-approval/project-status",
                "{\"projectCode\": \"2020-460100-47-01-000123\"}");
        ResponseEntity<String> tax = call("zhangsan", "tax/tax-clearance",
                "{\"idNumber\": \"" + ZHANGSAN_ID + "\", " + PERIOD + "}");
        ResponseEntity<String> insurance = call("zhangsan", "social-insurance/contribution-record",
                "{\"idNumber\": \"" + ZHANGSAN_ID + "\", " + PERIOD + "}");

        assertThat(read(enterprise).at("/data/status").asText()).as(enterprise.getBody()).isEqualTo("ACTIVE");
        assertThat(read(project).at("/data/stages/0/status").asText()).as(project.getBody()).isEqualTo("APPROVED");
        assertThat(read(tax).at("/data/taxpayerName").asText()).as(tax.getBody()).isEqualTo("张三");
        assertThat(read(insurance).at("/data/name").asText()).as(insurance.getBody()).isEqualTo("张三");
        assertThat(read(insurance).path("department").asText()).isEqualTo("social-insurance");
    }

    @Test
    void aCreditCodeWithAWrongCheckCharacterIsA400AndNoDepartmentCall() throws Exception {
        ENTERPRISE_REGISTRATION.resetRequests();

        assertProblem(call("zhangsan", "enterprise-registration/enterprise", "{\"creditCode\": \"91460100MA5T12345D\"}"),
                400, "INVALID_REQUEST");
        ENTERPRISE_REGISTRATION.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aLevelTwoAccountIsRefusedALevelThreeService() throws Exception {
        SOCIAL_INSURANCE.resetRequests();

        // lisi asks about lisi (their own data) but signed up with self-declared identity only (level 2)
        ResponseEntity<String> refused = call("lisi", "social-insurance/contribution-record",
                "{\"idNumber\": \"460100198506152341\", " + PERIOD + "}");
        assertProblem(refused, 403, "REAL_NAME_LEVEL_TOO_LOW");
        // RFC 9470: the client is told to have the person sign in again at level 3
        assertThat(refused.getHeaders().getFirst("WWW-Authenticate"))
                .contains("error=\"insufficient_user_authentication\"", "acr_values=\"3\"");
        SOCIAL_INSURANCE.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aCitizenCannotReadSomeoneElsesTaxRecord() throws Exception {
        assertProblem(call("zhangsan", "tax/tax-clearance", "{\"idNumber\": \"460100198506152341\", " + PERIOD + "}"),
                403, "NOT_OWN_DATA");
    }

    @Test
    void departmentErrorStylesBecomeTheSameProblemCodes() throws Exception {
        assertProblem(call("zhangsan", "construction-approval/project-status",
                "{\"projectCode\": \"2020-460100-47-01-000124\"}"), 404, "RECORD_NOT_FOUND");
        assertProblem(call("zhangsan", "enterprise-registration/enterprise",
                "{\"creditCode\": \"91460100MA5TERR00G\"}"), 502, "DEPARTMENT_ERROR");
        assertProblem(call("zhangsan", "enterprise-registration/enterprise",
                "{\"creditCode\": \"91460100MA5TBLKY02\"}"), 503, "DEPARTMENT_UNAVAILABLE");
        assertProblem(call("wangwu", "social-insurance/contribution-record",
                "{\"idNumber\": \"460100200001019991\", " + PERIOD + "}", Map.of("X-Case-Id", "SB-2020-0001")),
                502, "DEPARTMENT_ERROR");
    }
}
