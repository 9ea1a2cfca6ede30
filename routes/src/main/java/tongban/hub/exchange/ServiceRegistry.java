package tongban.hub.exchange;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tongban.adapters.support.CallLimits;
import tongban.adapters.support.DepartmentAdapter;
import tongban.adapters.support.DepartmentSettings;
import tongban.adapters.support.ServiceDefinition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every service the adapters offer, by {@code department/service}. Two adapters claiming one address fail the start,
 * and so does a department whose settings (its URL, its secrets) this environment has not set.
 */
@Component
public class ServiceRegistry {

    private final Map<String, ServiceDefinition> byAddress = new LinkedHashMap<>();
    private final Map<String, CallLimits> limits = new LinkedHashMap<>();
    private final Set<String> selfBounded = new HashSet<>();
    private final Map<String, String> titles = new LinkedHashMap<>();
    /** A department's own system, by the client its notices come from. */
    private final Map<String, String> systems = new LinkedHashMap<>();
    /** Departments by the city's unit code (单位编码). */
    private final Map<String, String> units = new LinkedHashMap<>();

    public ServiceRegistry(List<DepartmentAdapter> adapters, Environment environment) {
        Map<String, String> origins = new LinkedHashMap<>();
        for (DepartmentAdapter adapter : adapters) {
            for (String setting : adapter.requiredSettings()) {
                if (!environment.containsProperty(setting)) {
                    throw new IllegalStateException(adapter.origin() + ": setting '" + setting + "' is not set (environment: "
                            + DepartmentSettings.environmentVariable(setting) + ")");
                }
            }
            titles.put(adapter.department(), adapter.title());
            adapter.callbacks().forEach(c -> systems.putIfAbsent(c.clientId(), adapter.department()));
            if (adapter.unitCode() != null) {
                String other = units.putIfAbsent(adapter.unitCode(), adapter.department());
                if (other != null) {
                    throw new IllegalStateException(adapter.origin() + ": unit code " + adapter.unitCode()
                            + " is already " + other + "'s");
                }
            }
            if (adapter.boundsItsOwnCalls()) {
                selfBounded.add(adapter.department());
            }
            limits.put(adapter.department(), adapter.limits().in(
                    name -> Optional.ofNullable(environment.getProperty(name)), adapter.department()));
            for (ServiceDefinition service : adapter.services()) {
                String first = origins.putIfAbsent(service.address(), adapter.origin());
                if (first != null) {
                    throw new IllegalStateException("service " + service.address() + " is offered twice: by "
                            + first + " and by " + adapter.origin());
                }
                byAddress.put(service.address(), service);
            }
        }
    }

    public Optional<ServiceDefinition> find(String department, String service) {
        return Optional.ofNullable(byAddress.get(department + "/" + service));
    }

    /** The department's name as people know it, or its key when it is not on the exchange. */
    public String title(String department) {
        return titles.getOrDefault(department, department);
    }

    /** The department whose own system signs in as this client (the client its notices must come from), if any. */
    public Optional<String> departmentOfSystem(String clientId) {
        return Optional.ofNullable(clientId == null ? null : systems.get(clientId));
    }

    /**
     * The department a work order or a transfer names: by the city's unit code (as the hotline and the departments
     * write it), or by its own name; empty if neither is on the exchange.
     */
    public Optional<String> departmentNamed(String unitCodeOrName) {
        if (unitCodeOrName == null) {
            return Optional.empty();
        }
        String byCode = units.get(unitCodeOrName);
        if (byCode != null) {
            return Optional.of(byCode);
        }
        return titles.containsKey(unitCodeOrName) ? Optional.of(unitCodeOrName) : Optional.empty();
    }

    /** Every department with at least one service, in the order the adapters were found. */
    public List<String> departments() {
        return byAddress.values().stream().map(ServiceDefinition::department).distinct().toList();
    }

    /** The bounds of a call to the department, as this environment sets them (defaults for an unknown one). */
    public CallLimits limits(String department) {
        return limits.getOrDefault(department, CallLimits.defaults(Duration.ofSeconds(5)));
    }

    /** Whether the department's adapter ends each call at its deadline by itself. */
    public boolean boundsItsOwnCalls(String department) {
        return selfBounded.contains(department);
    }

    public Collection<ServiceDefinition> all() {
        return byAddress.values();
    }
}
