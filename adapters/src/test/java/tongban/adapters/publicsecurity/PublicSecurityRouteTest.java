package tongban.adapters.publicsecurity;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.adapters.AdapterRouteTest;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.DepartmentFailures;
import tongban.adapters.support.InvalidRequestException;
import tongban.mocks.MockDepartment;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Real SOAP through CXF against the population service's stubs (mocks/public-security). */
class PublicSecurityRouteTest extends AdapterRouteTest {

    private static final WireMockServer REGISTER = MockDepartment.start("public-security", 0);
    private static final String VERIFY_ROUTE = "adapter-public-security-identity-verification";

    @DynamicPropertySource
    static void departments(DynamicPropertyRegistry registry) {
        registry.add("tongban.departments.public-security.url", REGISTER::baseUrl);
        registry.add("tongban.departments.public-security.timeout-ms", () -> "1500");
        registry.add("tongban.departments.item-library.url", () -> "http://127.0.0.1:9");
    }

    @AfterAll
    static void stop() {
        REGISTER.stop();
    }

    @EndpointInject("mock:verified")
    MockEndpoint verified;

    @BeforeEach
    void prepare() throws Exception {
        adviseOnce(VERIFY_ROUTE, "mock:verified");
        verified.reset();
        REGISTER.resetRequests();
    }

    private Exchange verify(String name, String idNumber) {
        return producer.send("direct:" + VERIFY_ROUTE, e -> {
            e.getMessage().setHeader("Authorization", "Bearer must-not-travel");
            e.getMessage().setBody(json.createObjectNode().put("name", name).put("idNumber", idNumber));
        });
    }

    @Test
    void matchingNameAndNumberIsAMatch() throws Exception {
        verified.expectedMessageCount(1);

        Exchange result = verify("张三", "460100199001011230");

        verified.assertIsSatisfied();
        assertThat(result.getMessage().getBody(IdentityVerification.class).result())
                .isEqualTo(IdentityVerification.Result.MATCH);
        REGISTER.verify(postRequestedFor(urlEqualTo("/rkxx/services/RkxxService"))
                .withHeader("SOAPAction", containing("Sfhy"))
                .withHeader("Authorization", absent())
                .withRequestBody(containing("<ns2:gmsfhm>460100199001011230</ns2:gmsfhm>")
                        .or(containing(">460100199001011230</"))));
    }

    @Test
    void wrongNameIsAMismatchAndUnknownNumberIsNotFound() {
        assertThat(verify("王五", "460100199001011230").getMessage().getBody(IdentityVerification.class).result())
                .isEqualTo(IdentityVerification.Result.MISMATCH);
        assertThat(verify("赵六", "460100198001015552").getMessage().getBody(IdentityVerification.class).result())
                .isEqualTo(IdentityVerification.Result.NOT_FOUND);
    }

    @Test
    void householdLookupMapsPinyinFields() {
        Exchange result = producer.send("direct:adapter-public-security-household-registration",
                e -> e.getMessage().setBody(json.createObjectNode().put("idNumber", "460100198506152341")));

        HouseholdRegistration household = result.getMessage().getBody(HouseholdRegistration.class);
        assertThat(household.name()).isEqualTo("李四");
        assertThat(household.ethnicity()).isEqualTo("黎族");
        assertThat(household.birthDate()).isEqualTo("1985-06-15");
        assertThat(household.relationToHead()).isEqualTo("户主");
    }

    @Test
    void soapFaultIsADepartmentErrorAndTheNextCallStillWorks() {
        Exchange fault = verify("某人", "460100200001019991");

        assertThat(DepartmentFailures.classify("public-security", fault.getException()))
                .isInstanceOfSatisfying(DepartmentException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DepartmentException.Kind.ERROR);
                    assertThat(e.departmentCode()).isEqualTo("Server");
                });
        assertThat(verify("张三", "460100199001011230").getException()).isNull();
    }

    @Test
    void slowRegisterIsATimeout() {
        long started = System.nanoTime();

        Exchange result = verify("某人", "460100197001017772");

        assertThat(DepartmentFailures.classify("public-security", result.getException()))
                .isInstanceOfSatisfying(DepartmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(DepartmentException.Kind.TIMEOUT));
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(1_400L, 4_000L);
    }

    @Test
    void invalidIdNumberIsRefusedWithoutCallingTheDepartment() {
        Exchange result = verify("张三", "460100199001011231");

        assertThat(result.getException()).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("idNumber"));
        assertThat(REGISTER.getAllServeEvents()).isEmpty();
    }
}
