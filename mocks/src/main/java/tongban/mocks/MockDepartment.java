package tongban.mocks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One department system we do not own, played by WireMock with the stubs under
 * {@code mocks/<department>/} (on the classpath as {@code stubs/<department>/}).
 * The runnable demo and the tests start departments through this class, so they never drift apart.
 *
 * <p>A department's folder is all there is to it: {@code mappings/} and {@code __files/} for WireMock, and
 * optionally {@code demo-settings.properties} — the hub's DEMO ONLY settings for it (an API key, say; production
 * sets them from secrets), plus {@code mock.*} lines for the mock itself ({@code mock.api-gateway-signature=true}
 * puts the signing API gateway in front of it, checking the same app key and secret) — and {@code portal.properties}
 * when the department has a web portal of its own ({@link tongban.mocks.portals.DepartmentPortal}).
 */
public final class MockDepartment {

    /**
     * When set, stubs are read from {@code <dir>/<department>/} on disk instead of the classpath:
     * the demo points it at the checkout's {@code mocks/} folder, so an edited stub needs no rebuild
     * (and WireMock cannot read stubs from inside a Spring Boot fat jar anyway).
     */
    public static final String STUBS_DIR_PROPERTY = "tongban.mocks.dir";
    public static final String SETTINGS_FILE = "demo-settings.properties";
    private static final Pattern DEPARTMENT_FOLDER = Pattern.compile(".*/stubs/([a-z][a-z0-9-]*)/mappings/[^/]+\\.json$");

    private MockDepartment() {
    }

    /** Starts the department's stubs on {@code port} (0 picks a free port). */
    public static WireMockServer start(String department, int port) {
        return start(department, port, true);
    }

    /**
     * @param journal whether to record requests; tests want it (to prove a department was or was not called),
     *                a long-running demo or benchmark does not (it would only grow).
     */
    public static WireMockServer start(String department, int port, boolean journal) {
        return start(department, port, journal, new Extension[0]);
    }

    /**
     * @param extra more WireMock extensions for this department (a test's, say, that holds its answers)
     */
    public static WireMockServer start(String department, int port, boolean journal,
                                       Extension... extra) {
        WireMockConfiguration options = WireMockConfiguration.options()
                .port(port)
                .bindAddress("127.0.0.1")
                .containerThreads(64)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(16);
        String stubsDir = System.getProperty(STUBS_DIR_PROPERTY);
        String where;
        if (stubsDir != null) {
            where = Path.of(stubsDir, department, "mappings").toAbsolutePath() + "/*.json";
            options.usingFilesUnderDirectory(Path.of(stubsDir, department).toString());
        } else {
            where = "stubs/" + department + "/mappings/*.json on the classpath (the mocks jar, built from mocks/"
                    + department + "/ — rebuild it after adding stubs, or set -D" + STUBS_DIR_PROPERTY + "=mocks)";
            options.usingFilesUnderClasspath("stubs/" + department);
        }
        if (!journal) {
            options.disableRequestJournal();
        }
        Map<String, String> settings = demoSettings(department);
        List<Extension> extensions = new ArrayList<>();
        // the department deciding its applications in the demo (its intake stubs name it; idle elsewhere)
        extensions.add(DepartmentBackOffice.forDemo(department, settings));
        if (Boolean.parseBoolean(settings.get("mock.api-gateway-signature"))) {
            // a department behind a signing API gateway: its stubs only see requests that passed it
            extensions.add(new ApiGatewaySignatureCheck(settings.get("app-key"), settings.get("app-secret")));
        }
        extensions.addAll(List.of(extra));
        options.extensions(extensions.toArray(Extension[]::new));
        WireMockServer server = new WireMockServer(options);
        server.start();
        if (server.listAllStubMappings().getMappings().isEmpty()) {
            server.stop();
            throw new IllegalArgumentException("No stubs found for department '" + department + "': looked for " + where);
        }
        return server;
    }

    /**
     * Every mock department, by name: each folder of {@code mocks/} (or of the mocks jar's {@code stubs/}) that
     * has stub mappings. No list to keep: a new folder is a new department.
     */
    public static List<String> all() {
        TreeSet<String> departments = new TreeSet<>();
        String stubsDir = System.getProperty(STUBS_DIR_PROPERTY);
        try {
            if (stubsDir != null) {
                try (Stream<Path> folders = Files.list(Path.of(stubsDir))) {
                    folders.filter(f -> Files.isDirectory(f.resolve("mappings")))
                            .forEach(f -> departments.add(f.getFileName().toString()));
                }
            } else {
                for (Resource mapping : new PathMatchingResourcePatternResolver()
                        .getResources("classpath*:stubs/*/mappings/*.json")) {
                    Matcher m = DEPARTMENT_FOLDER.matcher(mapping.getURL().toString());
                    if (m.matches()) {
                        departments.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("mock departments cannot be listed", e);
        }
        return List.copyOf(departments);
    }

    /**
     * The department's {@code demo-settings.properties} (DEMO ONLY values), empty when it has none. Keys without
     * the {@code mock.} prefix are the hub's settings {@code tongban.departments.<department>.<key>}.
     */
    public static Map<String, String> demoSettings(String department) {
        return properties(department, SETTINGS_FILE);
    }

    /** A {@code .properties} file (UTF-8) of the department's mock folder, empty when it has none. */
    public static Map<String, String> properties(String department, String file) {
        Properties properties = new Properties();
        String stubsDir = System.getProperty(STUBS_DIR_PROPERTY);
        try (InputStream in = stubsDir != null
                ? (Files.exists(Path.of(stubsDir, department, file)) ? Files.newInputStream(Path.of(stubsDir, department, file)) : null)
                : MockDepartment.class.getClassLoader().getResourceAsStream("stubs/" + department + "/" + file)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> settings.put(k, properties.getProperty(k)));
        return Collections.unmodifiableMap(settings);
    }

    /** The hub's settings for this department (demo values, without the mock's own), as full property names. */
    public static Map<String, String> hubSettings(String department) {
        Map<String, String> hub = new LinkedHashMap<>();
        demoSettings(department).forEach((key, value) -> {
            if (!key.startsWith("mock.")) {
                hub.put("tongban.departments." + department + "." + key, value);
            }
        });
        return hub;
    }
}
