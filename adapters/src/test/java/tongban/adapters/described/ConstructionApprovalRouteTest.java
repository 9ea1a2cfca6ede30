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

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** The construction-approval department, described by departments/construction-approval.yaml only. */
class ConstructionApprovalRouteTest extends AdapterRouteTest {

    private static final String DEPT = "construction-approval";
    private static final WireMockServer APPROVALS = MockDepartment.start(DEPT, 0);

    @DynamicPropertySource
    static void departments(DynamicPropertyRegistry registry) {
        registry.add("tongban.departments.construction-approval.url", APPROVALS::baseUrl);
    }

    @AfterAll
    static void stop() {
        APPROVALS.stop();
    }

    @BeforeEach
    void prepare() {
        startOnce();
        APPROVALS.resetRequests();
    }

    private Exchange progress(String projectCode) {
        return call(DEPT, "project-status", "{\"projectCode\":\"" + projectCode + "\"}");
    }

    @Test
    void stagesAreMappedInOrderWithTheirStatus() {
        Exchange result = progress("2020-460100-47-01-000123");

        assertThat(result.getException()).isNull();
        JsonNode data = result.getMessage().getBody(JsonNode.class);
        assertThat(data.path("currentStage").asText()).isEqualTo("工程建设许可");
        JsonNode stages = data.path("stages");
        assertThat(stages).hasSize(4);
        assertThat(stages.get(0).path("status").asText()).isEqualTo("APPROVED");
        assertThat(stages.get(0).path("finishedOn").asText()).isEqualTo("2020-03-02");
        assertThat(stages.get(1).path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(stages.get(1).path("finishedOn").isNull()).isTrue();
    }

    @Test
    void unknownProjectIsRecordNotFoundAndAServerErrorIsADepartmentError() {
        assertThat(kindOf(progress("2020-460100-47-01-000124"), DEPT)).isEqualTo(Kind.RECORD_NOT_FOUND);
        assertThat(kindOf(progress("2020-460100-47-01-999999"), DEPT)).isEqualTo(Kind.ERROR);
    }

    @Test
    void aMalformedProjectCodeNeverReachesTheDepartment() {
        assertThat(failureOf(progress("2020-460100-47-01-000123/../../admin"), DEPT))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(failureOf(call(DEPT, "project-status", "{}"), DEPT))
                .isInstanceOf(InvalidRequestException.class);
        APPROVALS.verify(0, anyRequestedFor(anyUrl()));
    }
}
