package tongban.mocks;

import com.github.tomakehurst.wiremock.WireMockServer;
import tongban.mocks.legacy.LegacyPortal;
import tongban.mocks.portals.DepartmentPortal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every mock department system ({@link MockDepartment#all()}: each folder of {@code mocks/} with stubs), each
 * on its own port, until the process is stopped. Ports follow one rule — {@code tongban.mocks.port-base} (8181) plus
 * the offset each department declares ({@link MockPorts}), as {@code ./tongban} computes them too — and each can be
 * overridden with {@code -Dtongban.mocks.<department>.port=N}.
 * With {@code -Dtongban.portals.issuer=…} (and {@code tongban.portals.hub-url}) it also runs the department portals
 * (8191–8193, {@code -Dtongban.portals.<department>.port=N}).
 */
public final class MockDepartments {

    private MockDepartments() {
    }

    public static void main(String[] args) {
        List<WireMockServer> servers = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(WireMockServer::stop)));
        int base = Integer.getInteger("tongban.mocks.port-base", MockPorts.DEFAULT_BASE);
        Map<String, Integer> offsets = MockPorts.offsets(MockDepartment.all());
        offsets.forEach((department, offset) -> {
            int port = Integer.getInteger("tongban.mocks." + department + ".port", base + offset);
            WireMockServer server = MockDepartment.start(department, port, false);
            servers.add(server);
            System.out.printf("mock department %-18s http://127.0.0.1:%d%s%n", department, server.port(),
                    MockPorts.declared(department) ? "" : "  (no " + MockPorts.OFFSET_SETTING + " in mocks/"
                            + department + "/" + MockDepartment.SETTINGS_FILE + ": this port may move)");
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
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.printf("legacy portal     %-16s http://127.0.0.1:%d (only through the hub's gateway)%n",
                    "market-regulation", legacyPort);
        }
        System.out.println("mock departments ready");
    }

}
