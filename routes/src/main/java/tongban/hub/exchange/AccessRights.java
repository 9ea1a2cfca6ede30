package tongban.hub.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tongban.adapters.support.ServiceDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * What each client application ({@code azp}) may call — deny by default. Granted in one file per client,
 * {@code access-rights/<client>.yaml} ({@code name: 电子税务局} — what a citizen's data-usage trail calls it —
 * and {@code grants: [tax/tax-clearance, item-library/*]}; {@code *}{@code /*} is
 * every service, for demo clients only), from the locations in {@code tongban.exchange.access-rights-locations};
 * {@code tongban.exchange.access-rights.<client>} replaces a client's grants for one environment. A grant naming
 * a service no adapter offers stops the start with the file and the entry named — a typo never grants nothing
 * silently.
 */
public final class AccessRights {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String EVERYTHING = "*/*";

    private final Map<String, Set<String>> grants;
    private final Map<String, String> names;

    /** @param grants client id → {@code department/service}, {@code department/*} or {@code *}{@code /*} */
    public AccessRights(Map<String, List<String>> grants) {
        this(grants, Map.of());
    }

    /** @param names client id → the client's name as people know it */
    AccessRights(Map<String, List<String>> grants, Map<String, String> names) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        grants.forEach((client, list) -> copy.put(client, Set.copyOf(list)));
        this.grants = Map.copyOf(copy);
        this.names = Map.copyOf(names);
    }

    /** The client's name as people know it (its rights file's {@code name}), or null when it has none. */
    public String name(String clientId) {
        return clientId == null ? null : names.get(clientId);
    }

    boolean mayUse(String clientId, ServiceDefinition service) {
        Set<String> granted = clientId == null ? null : grants.get(clientId);
        return granted != null && (granted.contains(service.address())
                || granted.contains(service.department() + "/*") || granted.contains(EVERYTHING));
    }

    /** The clients with any grant, for the start-up log. */
    Set<String> clients() {
        return grants.keySet();
    }

    /**
     * Reads the rights files, then lets the properties replace a client's grants; every grant must name a service
     * (or a department) in {@code registry}.
     */
    static AccessRights load(List<String> locations, Map<String, List<String>> overrides, ServiceRegistry registry) {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String location : locations) {
            Resource[] files;
            try {
                files = resolver.getResources(location);
            } catch (IOException e) {
                throw new IllegalStateException("access rights cannot be listed at " + location, e);
            }
            for (Resource file : files) {
                String name = file.getFilename();
                String client = name == null ? "" : name.replaceFirst("\\.ya?ml$", "");
                String source = "access-rights/" + name;
                if (!CLIENT.matcher(client).matches()) {
                    throw new IllegalStateException(source + ": the file name must be the client id");
                }
                String first = sources.putIfAbsent(client, source);
                if (first != null && !first.equals(source)) {
                    throw new IllegalStateException(source + ": client '" + client + "' is already granted in " + first);
                }
                JsonNode root = read(source, file);
                grants.put(client, grantsOf(source, root));
                if (root.hasNonNull("name")) {
                    names.put(client, root.get("name").asText());
                }
            }
        }
        overrides.forEach((client, list) -> {
            grants.put(client, List.copyOf(list));
            sources.put(client, "tongban.exchange.access-rights." + client);
        });
        grants.forEach((client, list) -> {
            for (int i = 0; i < list.size(); i++) {
                check(sources.get(client) + ": grants[" + i + "]", list.get(i), registry);
            }
        });
        return new AccessRights(grants, names);
    }

    private static JsonNode read(String source, Resource file) {
        try (InputStream in = file.getInputStream()) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(source + ": not valid YAML: " + e.getMessage());
        }
    }

    private static List<String> grantsOf(String source, JsonNode root) {
        JsonNode list = root == null ? null : root.get("grants");
        boolean onlyKnownFields = root != null && StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(root.fieldNames(), 0), false)
                .allMatch(f -> f.equals("grants") || f.equals("name"));
        if (list == null || !list.isArray() || !onlyKnownFields) {
            throw new IllegalStateException(source + ": must hold grants (a list of department/service) and, "
                    + "optionally, name (the client as people know it)");
        }
        List<String> grants = new ArrayList<>();
        list.forEach(grant -> grants.add(grant.asText().strip()));
        return grants;
    }

    private static void check(String where, String grant, ServiceRegistry registry) {
        if (EVERYTHING.equals(grant)) {
            return;
        }
        int slash = grant.indexOf('/');
        String department = slash < 0 ? grant : grant.substring(0, slash);
        String service = slash < 0 ? "" : grant.substring(slash + 1);
        boolean known = "*".equals(service) ? registry.departments().contains(department)
                : registry.find(department, service).isPresent();
        if (!known) {
            throw new IllegalStateException(where + ": '" + grant + "' names no service on the exchange (known: "
                    + registry.all().stream().map(ServiceDefinition::address).toList() + ")");
        }
    }
}
