package tongban.hub.support;

import org.springframework.context.ConfigurableApplicationContext;
import tongban.mocks.portals.DepartmentPortal;

import java.util.ArrayList;
import java.util.List;

/**
 * Every department portal of {@code mocks/}, running at the address the test realm registered it at and calling the
 * test's hub: what a browser test opens to see the one login at work.
 */
public final class DepartmentPortals implements AutoCloseable {

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    /** Starts them all, signing in at the test Keycloak and calling the hub at {@code hubUrl}. */
    public static DepartmentPortals start(String hubUrl) {
        DepartmentPortals portals = new DepartmentPortals();
        for (DepartmentPortal portal : DepartmentPortal.ALL) {
            portals.running.add(portal.start(TestKeycloak.departmentPortalPort(portal), TestKeycloak.issuer(), hubUrl));
        }
        return portals;
    }

    /** Where the portal runs, as its realm client is registered. */
    public static String url(DepartmentPortal portal) {
        return "http://localhost:" + TestKeycloak.departmentPortalPort(portal) + "/";
    }

    @Override
    public void close() {
        running.forEach(ConfigurableApplicationContext::close);
    }
}
