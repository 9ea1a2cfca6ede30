package tongban.mocks;

import com.github.tomakehurst.wiremock.WireMockServer;
import tongban.mocks.legacy.LegacyPortal;
import tongban.mocks.portals.DepartmentPortal;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every mock department system ({@link MockDepartment#all()}: each folder of {@code mocks/} with stubs), each
 * on its own port, until the process is stopped. Ports follow one rule — the departments in name order from
 * {@code tongban.mocks.port-base} (8181) on, as {@code ./tongban} computes them too — and each can be overridden
 * with {@code -Dtongban.mocks.<department>.port=N}.
 * With {@code -Dtongban.portals.issuer=…} (and {@code tongban.portals.hub-url}) it also runs the department portals
 * (8191–8193, {@code -Dtongban.portals.<department>.port=N}).
 */
public final class MockDepartments {

    private MockDepartments() {
    }

    public static void main(String[] args) {
        List<WireMockServer> servers = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(WireMockServer::stop)));
        int base = Integer.getInteger("tongban.mocks.port-base", 8181);
        List<String> departments = MockDepartment.all();
        for (int i = 0; i < departments.size(); i++) {
            String department = departments.get(i);
            int port = Integer.getInteger("tongban.mocks." + department + ".port", base + i);
            WireMockServer server = MockDepartment.start(department, port, false);
            servers.add(server);
            System.out.printf("mock department %-18s http://127.0.0.1:%d%n", department, server.port());
        }
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
                    "market-regulation", legacyPort);
        }
        System.out.println("mock departments ready");
    }

}
