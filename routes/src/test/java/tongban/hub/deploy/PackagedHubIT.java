package tongban.hub.deploy;

import org.junit.jupiter.api.Test;
import tongban.mocks.MockDepartment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar that ships, started as production starts it ({@code java -jar tongban-hub.jar}): its application context
 * must come up on the jar's own class path. Every other test starts the hub from the test class path, which carries
 * more than the jar does — a module only the tests had once let the suite pass while the packaged hub could not
 * start. Run by failsafe, after the jar is built.
 */
class PackagedHubIT {

    @Test
    void thePackagedHubStartsOnItsOwnClassPath() throws Exception {
        Path jar = Path.of("target", "tongban-hub.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path work = Files.createDirectories(Path.of("target", "packaged-hub").toAbsolutePath());
        Path log = work.resolve("hub.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dspring.context.exit=onRefresh", "-jar", jar.toString(),
                "--server.port=0", "--management.server.port=0",
                "--tongban.data-dir=" + work.resolve("data"),
                "--tongban.catalogue.sync-on-start=false"));
        // every department described, at an address where nothing listens: starting must not need them
        for (String department : MockDepartment.all()) {
            command.add("--tongban.departments." + department + ".url=http://127.0.0.1:1");
            MockDepartment.hubSettings(department).forEach((key, value) -> command.add("--" + key + "=" + value));
        }
        Process hub = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();

        assertThat(hub.waitFor(180, TimeUnit.SECONDS)).as("the hub's context came up and closed: " + log).isTrue();
        assertThat(hub.exitValue()).as("exit code; see " + log).isZero();
        assertThat(Files.readString(log)).doesNotContain("Application run failed");
    }

    /**
     * The SOAP departments' clients build on the jar's own class path: JAXB's core once came only with the tests'
     * dependencies (Keycloak's), and every SOAP call of the packaged hub failed while the suite passed.
     */
    @Test
    void theSoapClientsBuildOnThePackagedClassPath() throws Exception {
        Path jar = Path.of("target", "tongban-hub.jar").toAbsolutePath();
        Path log = Files.createDirectories(Path.of("target", "packaged-hub").toAbsolutePath()).resolve("soap.log");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dloader.path=" + Path.of("target", "test-classes").toAbsolutePath(),
                "-Dloader.main=" + PackagedSoapClients.class.getName(), "-cp", jar.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();

        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("built in time: " + log).isTrue();
        assertThat(Files.readString(log)).as(log.toString()).contains("SOAP CLIENTS BUILT")
                .doesNotContain("NoClassDefFoundError");
        assertThat(run.exitValue()).isZero();
    }

    /**
     * The jar carries the product only: not the Keycloak launcher or the test sign-in (tools), no test fixture, no mock
     * department, no Keycloak extension (that runs inside Keycloak).
     */
    @Test
    void thePackagedHubCarriesNoToolsMocksOrKeycloakExtensions() throws Exception {
        Path jar = Path.of("target", "tongban-hub.jar").toAbsolutePath();
        List<String> entries = new ArrayList<>();
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            file.stream().map(java.util.jar.JarEntry::getName).forEach(entries::add);
        }
        assertThat(entries).anyMatch(name -> name.startsWith("BOOT-INF/lib/tongban-sso-"));
        assertThat(entries).noneMatch(name -> name.startsWith("BOOT-INF/lib/tongban-keycloak-launcher-")
                || name.startsWith("BOOT-INF/lib/tongban-keycloak-extensions-")
                || name.startsWith("BOOT-INF/lib/tongban-mocks-")
                || name.startsWith("BOOT-INF/lib/wiremock")
                || name.contains("tongban/hub/support/") || name.contains("tongban/hub/bench/"));
    }
}
