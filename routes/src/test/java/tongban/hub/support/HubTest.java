package tongban.hub.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.mocks.MockDepartment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Base of the end-to-end tests: the real hub on a random port, the real Keycloak, and the departments'
 * WireMock stubs. All of them are started once and shared by every test class (one Spring context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HubTest {

    /** The configured department timeout: the slow stubs take 8 s, the hub gives up after this. */
    public static final int DEPARTMENT_TIMEOUT_MS = 2000;

    protected static final WireMockServer ITEM_LIBRARY = MockDepartment.start("item-library", 0);
    protected static final WireMockServer PUBLIC_SECURITY = MockDepartment.start("public-security", 0);
    private static final Path DATA_DIR = tempDir();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("tongban.sso.issuer", TestKeycloak::issuer);
        registry.add("tongban.data-dir", DATA_DIR::toString);
        registry.add("tongban.departments.item-library.url", ITEM_LIBRARY::baseUrl);
        registry.add("tongban.departments.public-security.url", PUBLIC_SECURITY::baseUrl);
        registry.add("tongban.departments.item-library.timeout-ms", () -> DEPARTMENT_TIMEOUT_MS);
        registry.add("tongban.departments.public-security.timeout-ms", () -> DEPARTMENT_TIMEOUT_MS);
        registry.add("tongban.exchange.max-request-bytes", () -> 4096);
        // the shared context calls failing stubs on purpose: keep their circuits closed (DepartmentGuardTest covers them)
        registry.add("tongban.exchange.resilience.minimum-calls", () -> 1000);
        registry.add("tongban.exchange.resilience.sliding-window-calls", () -> 1000);
        // the demo CLI client gets everything but the item list, so that "no access right" has a case to show
        registry.add("tongban.exchange.access-rights.tongban-cli[0]", () -> "item-library/item-detail");
        registry.add("tongban.exchange.access-rights.tongban-cli[1]", () -> "public-security/*");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tongban-hub-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
