package tongban.hub.exchange;

import org.springframework.stereotype.Component;
import tongban.adapters.support.DepartmentAdapter;
import tongban.adapters.support.ServiceDefinition;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every service the adapters offer, by {@code department/service}. Two adapters claiming one address fail the start. */
@Component
public class ServiceRegistry {

    private final Map<String, ServiceDefinition> byAddress = new LinkedHashMap<>();

    public ServiceRegistry(List<DepartmentAdapter> adapters) {
        for (DepartmentAdapter adapter : adapters) {
            for (ServiceDefinition service : adapter.services()) {
                ServiceDefinition clash = byAddress.putIfAbsent(service.address(), service);
                if (clash != null) {
                    throw new IllegalStateException("service " + service.address() + " is offered twice");
                }
            }
        }
    }

    public Optional<ServiceDefinition> find(String department, String service) {
        return Optional.ofNullable(byAddress.get(department + "/" + service));
    }

    public Collection<ServiceDefinition> all() {
        return byAddress.values();
    }
}
