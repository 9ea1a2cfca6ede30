package tongban.mocks.portals;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A department's own web portal — tax, social insurance, public security — as the department runs it: its own
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

    /** DEMO ONLY secrets (sso/realm/demo): {@code demo-only-<clientId>-secret}. */
    public static final List<DepartmentPortal> ALL = List.of(
            new DepartmentPortal("tax", "国家税务总局海口市税务局 · 电子税务局", "portal-tax", "http://localhost:8191",
                    "tax/tax-clearance", "{\"idNumber\":\"{idNumber}\",\"fromMonth\":\"2020-01\",\"toMonth\":\"2020-06\"}"),
            new DepartmentPortal("social-insurance", "海口市人力资源和社会保障局 · 社保网上服务", "portal-social-insurance",
                    "http://localhost:8192", "social-insurance/contribution-record",
                    "{\"idNumber\":\"{idNumber}\",\"fromMonth\":\"2020-01\",\"toMonth\":\"2020-03\"}"),
            new DepartmentPortal("public-security", "海口市公安局 · 网上办事大厅", "portal-public-security",
                    "http://localhost:8193", "public-security/household-registration", "{\"idNumber\":\"{idNumber}\"}"));

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
