package tongban.hub.exchange;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tongban.hub.support.HubTest;
import tongban.hub.support.WindowCases;
import tongban.hub.support.Tokens;

import java.util.List;
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
        String levelThree = Tokens.signedIn("zhangsan", 3); // tax and social insurance need level 3
        ResponseEntity<String> enterprise = callWith(levelThree, "enterprise-registration/enterprise",
                "{\"creditCode\": \"91460100MA5T12345C\"}", Map.of());
        ResponseEntity<String> project = callWith(levelThree, "construction-approval/project-status",
                "{\"projectCode\": \"2020-460100-47-01-000123\"}", Map.of());
        ResponseEntity<String> tax = callWith(levelThree, "tax/tax-clearance",
                "{\"idNumber\": \"" + ZHANGSAN_ID + "\", " + PERIOD + "}", Map.of());
        ResponseEntity<String> insurance = callWith(levelThree, "social-insurance/contribution-record",
                "{\"idNumber\": \"" + ZHANGSAN_ID + "\", " + PERIOD + "}", Map.of());

        assertThat(read(enterprise).at("/data/status").asText()).as(enterprise.getBody()).isEqualTo("ACTIVE");
        // an amount as the registry wrote it — the JSON number 500.000000, not the double 500.0
        assertThat(enterprise.getBody()).contains("\"registeredCapitalTenThousandYuan\":500.000000");
        assertThat(tax.getBody()).contains("\"total\":1890.00");
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
        ResponseEntity<String> refused = callWith(Tokens.signedIn("lisi", 2), "social-insurance/contribution-record",
                "{\"idNumber\": \"460100198506152341\", " + PERIOD + "}", Map.of());
        assertProblem(refused, 403, "REAL_NAME_LEVEL_TOO_LOW");
        assertThat(refused.getHeaders().getFirst("WWW-Authenticate"))
                .as("signing in again cannot raise a verified level: no step-up is offered").isNull();
        SOCIAL_INSURANCE.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aLevelThreeAccountSignedInWithThePasswordAloneIsAskedToStepUp() throws Exception {
        TAX.resetRequests();
        String body = "{\"idNumber\": \"" + ZHANGSAN_ID + "\", " + PERIOD + "}";

        for (String weak : List.of(Tokens.signedIn("zhangsan", 2), Tokens.of("zhangsan"))) {
            ResponseEntity<String> refused = callWith(weak, "tax/tax-clearance", body, Map.of());
            assertProblem(refused, 401, "STEP_UP_REQUIRED");
            // RFC 9470: have the person sign in again with acr_values=3
            assertThat(refused.getHeaders().getFirst("WWW-Authenticate"))
                    .contains("error=\"insufficient_user_authentication\"", "acr_values=\"3\"");
        }
        TAX.verify(0, anyRequestedFor(anyUrl()));

        // the same person after the one-time code
        ResponseEntity<String> answered = callWith(Tokens.signedIn("zhangsan", 3), "tax/tax-clearance", body, Map.of());
        assertThat(answered.getStatusCode().value()).as(answered.getBody()).isEqualTo(200);
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
        String caseNumber = WindowCases.contributionCertificate(http, json, "wangwu", "460100200001019991", "某人");
        assertProblem(call("wangwu", "social-insurance/contribution-record",
                "{\"idNumber\": \"460100200001019991\", " + PERIOD + "}", Map.of("X-Case-Id", caseNumber)),
                502, "DEPARTMENT_ERROR");
    }
}
