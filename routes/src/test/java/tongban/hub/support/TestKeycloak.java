package tongban.hub.support;

import tongban.mocks.portals.DepartmentPortal;
import tongban.sso.keycloak.KeycloakLauncher;
import tongban.sso.keycloak.RealmFiles;
import tongban.sso.keycloak.RunningKeycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One real Keycloak for the whole test run, started on first use with the committed realm (and its demo
 * overlay) and stopped when the test JVM exits. Set {@code -Dtongban.test.keycloak=http://localhost:PORT}
 * to reuse a Keycloak that is already running with the same realm.
 */
public final class TestKeycloak {

    private TestKeycloak() {
    }

    public static String url() {
        return Holder.URL;
    }

    public static String issuer() {
        return url() + "/realms/" + KeycloakLauncher.REALM;
    }

    /**
     * The hub URL the test realm's portal client is registered for (exact redirect URIs): a browser test runs its
     * hub on exactly this port ({@link #portalHubPort()}).
     */
    public static String portalHubUrl() {
        url();
        return "http://localhost:" + Holder.portalHubPort;
    }

    public static int portalHubPort() {
        url();
        return Holder.portalHubPort;
    }

    /** The port the test realm registers a department portal at (its clients' exact redirect URIs). */
    public static int departmentPortalPort(DepartmentPortal portal) {
        url();
        return Holder.departmentPortalPorts.get(portal.department());
    }

    /** The run's extra signing key in the test realm (see {@link TestSigningKey}); null for an external Keycloak. */
    public static TestSigningKey signingKey() {
        url();
        return Holder.signingKey;
    }

    private static final class Holder {
        static TestSigningKey signingKey;
        static int portalHubPort = 8080;
        static final Map<String, Integer> departmentPortalPorts = new HashMap<>();
        static final String URL = start();

        private static String start() {
            String external = System.getProperty("tongban.test.keycloak");
            if (external != null && !external.isBlank()) {
                return external;
            }
            try {
                Path root = ProjectRoot.path();
                Path work = root.resolve(".tongban/test");
                Files.createDirectories(work);
                signingKey = TestSigningKey.generate(work);
                Path overlay = signingKey.writeOverlay(work.resolve("realm-overlay"));
                // users only the tests need (one to lock out by brute force, so no demo user is), and a client of the
                // province's that hands a test the province's own tokens
                for (String file : List.of("tongban-test-users.json", "province-test-clients.json")) {
                    try (var in = TestKeycloak.class.getResourceAsStream("/realm-overlay/" + file)) {
                        Files.copy(in, overlay.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                portalHubPort = freePort();
                Map<String, String> urls = new HashMap<>(Map.of(RealmFiles.HUB_URL, "http://localhost:" + portalHubPort));
                for (DepartmentPortal portal : DepartmentPortal.ALL) {
                    int port = freePort();
                    departmentPortalPorts.put(portal.department(), port);
                    urls.put(portal.defaultUrl(), "http://localhost:" + port);
                }
                RunningKeycloak keycloak = new KeycloakLauncher(work, root.resolve("sso/realm"), freePort(), urls,
                        List.of(RealmFiles.DEMO, overlay.toAbsolutePath().toString()),
                        List.of(KeycloakExtensionsJar.locate(work)))
                        .start(Duration.ofMinutes(5));
                Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop));
                return keycloak.url();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
