package tongban.mocks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For a hub (or an adapter test) that runs with the mocks on its classpath — the tests, never the production jar:
 * every mock department's DEMO ONLY settings from its {@code demo-settings.properties}, and a URL where nobody
 * listens, at the lowest precedence. A test points the departments it calls at their stubs; the others are
 * configured, so the hub starts, and unreachable.
 */
public final class DemoDepartmentSettings implements EnvironmentPostProcessor {

    /** The discard port: a department nobody set is unreachable, never somebody else's service. */
    public static final String NOBODY_LISTENS = "http://127.0.0.1:9";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("tongban-mock-department-demo-settings",
                new LinkedHashMap<>(forEveryDepartment())));
    }

    /** {@code tongban.departments.<department>.url} (nobody listens) and the demo settings, for every mock department. */
    public static Map<String, Object> forEveryDepartment() {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String department : MockDepartment.all()) {
            settings.put("tongban.departments." + department + ".url", NOBODY_LISTENS);
            settings.putAll(MockDepartment.hubSettings(department));
        }
        return settings;
    }

    /** The same as {@code --name=value} arguments, for a hub started as its own process. */
    public static List<String> asArguments() {
        return forEveryDepartment().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }
}
