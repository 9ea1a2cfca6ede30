package tongban.mocks.portals;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tongban.mocks.MockDepartment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A department's own web portal ({@code mocks/<department>/portal.properties}) as the department runs it: its own
 * Keycloak client and its own session, signing the citizen in through the shared Keycloak (so no second password)
 * and showing that department's service for them, fetched from the hub with the citizen's own token.
 *
 * @param defaultUrl    where the realm file registers it ({@code http://localhost:8191}…); the launcher maps that
 *                      to where it really runs
 * @param service       the hub service it shows, {@code department/service}
 * @param requestJson   the request it sends, with {@code {idNumber}} for the signed-in person's id number
 */
public record DepartmentPortal(String department, String title, String clientId, String defaultUrl, String service,
                               String requestJson) {

    /**
     * Every department portal: the mock folders with a {@code portal.properties}, in the order of the ports the realm
     * registers them at. DEMO ONLY secrets (sso/realm/demo): {@code demo-only-<clientId>-secret}.
     */
    public static final List<DepartmentPortal> ALL = load();

    private static List<DepartmentPortal> load() {
        List<DepartmentPortal> portals = new ArrayList<>();
        for (String department : MockDepartment.all()) {
            Map<String, String> file = MockDepartment.properties(department, "portal.properties");
            if (!file.isEmpty()) {
                portals.add(new DepartmentPortal(department, file.get("title"), file.get("client-id"),
                        file.get("registered-url"), file.get("service"), file.get("request")));
            }
        }
        portals.sort(Comparator.comparingInt(DepartmentPortal::defaultPort));
        return List.copyOf(portals);
    }

    public int defaultPort() {
        return Integer.parseInt(defaultUrl.substring(defaultUrl.lastIndexOf(':') + 1));
    }

    /** Starts this portal on {@code port}, signing in at {@code issuer} and calling the hub at {@code hubUrl}. */
    public ConfigurableApplicationContext start(int port, String issuer, String hubUrl) {
        Map<String, Object> properties = new LinkedHashMap<>();
        // its own configuration only: next to the hub (tests) the hub's application.yml is on the classpath too
        properties.put("spring.config.name", "tongban-department-portal");
        properties.put("server.port", port);
        properties.put("spring.application.name", "portal-" + department);
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.thymeleaf.prefix", "classpath:/templates/");
        properties.put("logging.level.root", "WARN");
        properties.put("server.servlet.session.cookie.name", "PORTAL_" + department.toUpperCase().replace('-', '_'));
        properties.put("department-portal.department", department);
        properties.put("department-portal.title", title);
        properties.put("department-portal.client-id", clientId);
        properties.put("department-portal.client-secret", "demo-only-" + clientId + "-secret");
        properties.put("department-portal.issuer", issuer);
        properties.put("department-portal.hub-url", hubUrl);
        properties.put("department-portal.service", service);
        properties.put("department-portal.request-json", requestJson);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(PortalApplication.class).web(WebApplicationType.SERVLET).run(args);
    }
}
