package tongban.adapters.described;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.adapters.AdapterRouteTest;
import tongban.adapters.support.DepartmentException.Kind;
import tongban.mocks.MockDepartment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub configured with a key the department does not take (a rotated key, say): the department's 401 is
 * {@code AUTH_FAILED} — a configuration fault of the hub's, never mistaken for the department being down.
 */
class DepartmentRefusingTheHubRouteTest extends AdapterRouteTest {

    private static final String DEPT = "enterprise-registration";
    private static final WireMockServer REGISTRY = MockDepartment.start(DEPT, 0);

    @DynamicPropertySource
    static void departments(DynamicPropertyRegistry registry) {
        registry.add("tongban.departments.enterprise-registration.url", REGISTRY::baseUrl);
        registry.add("tongban.departments.enterprise-registration.api-key", () -> "a-key-it-no-longer-takes");
    }

    @AfterAll
    static void stop() {
        REGISTRY.stop();
    }

    @Test
    void itsRefusalIsAnAuthFailure() {
        startOnce();

        assertThat(kindOf(call(DEPT, "enterprise", "{\"creditCode\":\"91460100MA5T12345C\"}"), DEPT))
                .isEqualTo(Kind.AUTH_FAILED);
    }
}
