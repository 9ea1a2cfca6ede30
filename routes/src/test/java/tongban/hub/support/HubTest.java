package tongban.hub.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * Base of most end-to-end tests: the real hub on a random port, the real Keycloak, and the departments' WireMock
 * stubs — one Spring context shared by every test class that extends this.
 */
public abstract class HubTest extends HubTestBase {

    private static final Path DATA_DIR = tempDir();

    @DynamicPropertySource
    static void sharedContext(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", DATA_DIR::toString);
        // the shared context calls failing stubs on purpose: keep their circuits closed (ResilienceEndToEndTest
        // opens them in a context of its own)
        registry.add("tongban.exchange.resilience.minimum-calls", () -> 1000);
        registry.add("tongban.exchange.resilience.sliding-window-calls", () -> 1000);
        // a department that stays down gives up on its submissions quickly here (the default waits 72 hours)
        registry.add("tongban.departments.enterprise-registration.max-submission-age", () -> "2s");
    }
}
