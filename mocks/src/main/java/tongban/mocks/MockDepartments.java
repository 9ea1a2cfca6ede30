package tongban.mocks;

import com.github.tomakehurst.wiremock.WireMockServer;
import tongban.mocks.legacy.LegacyPortal;
import tongban.mocks.portals.DepartmentPortal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every mock department system, each on its own port, until the process is stopped.
 * Ports default to 8181, 8182, … and can be overridden with {@code -Dtongban.mocks.<department>.port=N}.
 * With {@code -Dtongban.portals.issuer=…} (and {@code tongban.portals.hub-url}) it also runs the department portals
 * (8191–8193, {@code -Dtongban.portals.<department>.port=N}).
 */
public final class MockDepartments {

    /** Department name → default port. The order is the order they are printed in. */
    public static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

    private MockDepartments() {
    }

    public static void main(String[] args) {
        List<WireMockServer> servers = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(WireMockServer::stop)));
        DEFAULT_PORTS.forEach((department, defaultPort) -> {
            int port = Integer.getInteger("tongban.mocks." + department + ".port", defaultPort);
            WireMockServer server = MockDepartment.start(department, port, false);
            servers.add(server);
            System.out.printf("mock department %-18s http://127.0.0.1:%d%n", department, server.port());
        });
        String issuer = System.getProperty("tongban.portals.issuer");
        if (issuer != null) {
            String hubUrl = System.getProperty("tongban.portals.hub-url", "http://localhost:8080");
            for (DepartmentPortal portal : DepartmentPortal.ALL) {
                int port = Integer.getInteger("tongban.portals." + portal.department() + ".port", portal.defaultPort());
                portal.start(port, issuer, hubUrl);
                System.out.printf("department portal %-16s http://localhost:%d%n", portal.department(), port);
            }
            int legacyPort = Integer.getInteger("tongban.portals.legacy.port", 8194);
            try {
                LegacyPortal.start(legacyPort, LegacyPortal.DEMO_SECRET);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            System.out.printf("legacy portal     %-16s http://127.0.0.1:%d (only through the hub's gateway)%n",
                    "enterprise-registration", legacyPort);
        }
        System.out.println("mock departments ready");
    }

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("item-library", 8181);
        ports.put("public-security", 8182);
        ports.put("enterprise-registration", 8183);
        ports.put("construction-approval", 8184);
        ports.put("tax", 8185);
        ports.put("social-insurance", 8186);
        return Collections.unmodifiableMap(ports);
    }
}
