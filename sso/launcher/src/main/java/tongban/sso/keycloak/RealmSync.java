package tongban.sso.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./tongban realm diff|apply}: brings a running Keycloak's realm to its file ({@code sso/realm/<realm>-realm.json},
 * with the demo overlay for the local run), through Keycloak's own admin client — realm settings, realm roles, client
 * scopes, clients, identity providers and their mappers are created or updated in place; users, their credentials
 * and sessions are never touched (a client is updated, not replaced, so its sessions live on). Only the fields the
 * file writes are compared: what Keycloak fills in by itself is not drift. {@code diff} lists what {@code apply}
 * would change; applying twice changes nothing the second time.
 *
 * <p>Authentication flows are compared, not changed: a flow the file has that the server lacks, or one whose steps
 * differ, is reported — changing a flow in place would sign people in by a half-changed flow, so a flow change is a
 * new flow bound by a realm setting (the realm's {@code browserFlow}, say), which this then applies.
 */
public final class RealmSync {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Realm fields that are collections of their own kind, handled below or not at all (users). */
    private static final Set<String> NOT_SETTINGS = Set.of("users", "clients", "roles", "groups", "identityProviders",
            "identityProviderMappers", "authenticationFlows", "authenticatorConfig", "requiredActions", "components",
            "clientScopes", "scopeMappings", "clientScopeMappings", "defaultRoles", "defaultRole", "id", "realm",
            "federatedUsers", "keycloakVersion");

    /** One difference between the file and the server, and what apply does about it. */
    public record Change(String kind, String name, String what, boolean applicable) {
        @Override
        public String toString() {
            return (applicable ? "" : "(not applied) ") + kind + " " + name + ": " + what;
        }
    }

    private final RealmResource realm;
    private final JsonNode wanted;

    public RealmSync(Keycloak admin, String realmName, JsonNode wanted) {
        this.realm = admin.realm(realmName);
        this.wanted = wanted;
    }

    /** What differs, without changing anything. */
    public List<Change> diff() {
        return sync(false);
    }

    /** Changes what differs; the changes made (empty when the server already matched). */
    public List<Change> apply() {
        return sync(true);
    }

    private List<Change> sync(boolean apply) {
        List<Change> changes = new ArrayList<>();
        flows(changes);
        realmRoles(changes, apply);
        clientScopes(changes, apply);
        clients(changes, apply);
        identityProviders(changes, apply);
        // settings last: they may name a flow, a scope or a role made above
        settings(changes, apply);
        return changes;
    }

    private void settings(List<Change> changes, boolean apply) {
        ObjectNode settings = JSON.createObjectNode();
        wanted.fields().forEachRemaining(f -> {
            if (!NOT_SETTINGS.contains(f.getKey())) {
                settings.set(f.getKey(), f.getValue());
            }
        });
        List<String> differ = differences("", settings, JSON.valueToTree(realm.toRepresentation()));
        if (!differ.isEmpty()) {
            changes.add(new Change("realm", wanted.path("realm").asText(), String.join(", ", differ), true));
            if (apply) {
                realm.update(JSON.convertValue(settings, RealmRepresentation.class));
            }
        }
    }

    private void realmRoles(List<Change> changes, boolean apply) {
        for (JsonNode role : wanted.path("roles").path("realm")) {
            String name = role.path("name").asText();
            Optional<RoleRepresentation> current = realm.roles().list().stream()
                    .filter(r -> r.getName().equals(name)).findFirst();
            if (current.isEmpty()) {
                changes.add(new Change("role", name, "missing", true));
                if (apply) {
                    realm.roles().create(JSON.convertValue(withoutComposites(role), RoleRepresentation.class));
                }
            } else {
                List<String> differ = differences("", withoutComposites(role), JSON.valueToTree(current.get()));
                if (!differ.isEmpty()) {
                    changes.add(new Change("role", name, String.join(", ", differ), true));
                    if (apply) {
                        RoleRepresentation update = JSON.convertValue(withoutComposites(role), RoleRepresentation.class);
                        update.setId(current.get().getId());
                        realm.roles().get(name).update(update);
                    }
                }
            }
        }
    }

    private void clientScopes(List<Change> changes, boolean apply) {
        upsert(changes, apply, "client scope", wanted.path("clientScopes"), "name",
                () -> realm.clientScopes().findAll(), ClientScopeRepresentation::getName, ClientScopeRepresentation.class,
                rep -> close(realm.clientScopes().create(rep)),
                (current, rep) -> {
                    rep.setId(current.getId());
                    realm.clientScopes().get(current.getId()).update(rep);
                });
    }

    private void clients(List<Change> changes, boolean apply) {
        upsert(changes, apply, "client", wanted.path("clients"), "clientId",
                () -> realm.clients().findAll(), ClientRepresentation::getClientId, ClientRepresentation.class,
                rep -> close(realm.clients().create(rep)),
                (current, rep) -> {
                    rep.setId(current.getId());
                    realm.clients().get(current.getId()).update(rep);
                });
    }

    private void identityProviders(List<Change> changes, boolean apply) {
        upsert(changes, apply, "identity provider", wanted.path("identityProviders"), "alias",
                () -> realm.identityProviders().findAll(), IdentityProviderRepresentation::getAlias,
                IdentityProviderRepresentation.class,
                rep -> close(realm.identityProviders().create(rep)),
                (current, rep) -> {
                    rep.setInternalId(current.getInternalId());
                    realm.identityProviders().get(current.getAlias()).update(rep);
                });
        for (JsonNode mapper : wanted.path("identityProviderMappers")) {
            String alias = mapper.path("identityProviderAlias").asText();
            String name = mapper.path("name").asText();
            List<IdentityProviderMapperRepresentation> existing = apply || realm.identityProviders().findAll().stream()
                    .anyMatch(p -> p.getAlias().equals(alias)) ? realm.identityProviders().get(alias).getMappers()
                    : List.of();
            Optional<IdentityProviderMapperRepresentation> current = existing.stream()
                    .filter(m -> m.getName().equals(name)).findFirst();
            List<String> differ = current.isEmpty() ? List.of("missing")
                    : differences("", mapper, JSON.valueToTree(current.get()));
            if (!differ.isEmpty()) {
                changes.add(new Change("identity provider mapper", alias + "/" + name, String.join(", ", differ), true));
                if (apply) {
                    IdentityProviderMapperRepresentation rep =
                            JSON.convertValue(mapper, IdentityProviderMapperRepresentation.class);
                    if (current.isEmpty()) {
                        close(realm.identityProviders().get(alias).addMapper(rep));
                    } else {
                        rep.setId(current.get().getId());
                        realm.identityProviders().get(alias).update(current.get().getId(), rep);
                    }
                }
            }
        }
    }

    /** Flows are compared by their steps (authenticator or sub-flow, requirement, in order), never changed here. */
    private void flows(List<Change> changes) {
        List<AuthenticationFlowRepresentation> current = realm.flows().getFlows();
        for (JsonNode flow : wanted.path("authenticationFlows")) {
            String alias = flow.path("alias").asText();
            Optional<AuthenticationFlowRepresentation> there = current.stream()
                    .filter(f -> f.getAlias().equals(alias)).findFirst();
            if (there.isEmpty()) {
                if (flow.path("topLevel").asBoolean(true)) {
                    changes.add(new Change("flow", alias, "missing — import it as a new flow (the admin console's "
                            + "import, or a new realm) and bind it", false));
                }
                continue;
            }
            List<String> want = new ArrayList<>();
            flow.path("authenticationExecutions").forEach(e -> want.add(
                    e.path("authenticator").asText(e.path("flowAlias").asText()) + ":" + e.path("requirement").asText()));
            List<String> have = new ArrayList<>();
            there.get().getAuthenticationExecutions().forEach(e -> have.add(
                    (e.getAuthenticator() != null ? e.getAuthenticator() : e.getFlowAlias()) + ":" + e.getRequirement()));
            if (!want.equals(have)) {
                changes.add(new Change("flow", alias, "its steps differ: file " + want + ", server " + have
                        + " — make a new flow and bind it", false));
            }
        }
    }

    private <R> void upsert(List<Change> changes, boolean apply, String kind, JsonNode wantedAll, String key,
                            Supplier<List<R>> currentAll, Function<R, String> name, Class<R> type,
                            Consumer<R> create, BiConsumer<R, R> update) {
        List<R> current = currentAll.get();
        for (JsonNode item : wantedAll) {
            String id = item.path(key).asText();
            Optional<R> there = current.stream().filter(c -> id.equals(name.apply(c))).findFirst();
            List<String> differ = there.isEmpty() ? List.of("missing")
                    : differences("", item, JSON.valueToTree(there.get()));
            if (differ.isEmpty()) {
                continue;
            }
            changes.add(new Change(kind, id, String.join(", ", differ), true));
            if (apply) {
                R rep = JSON.convertValue(item, type);
                if (there.isEmpty()) {
                    create.accept(rep);
                } else {
                    update.accept(there.get(), rep);
                }
            }
        }
    }

    /**
     * The fields of {@code want} whose values {@code have} does not have: objects field by field, lists of plain
     * values as sets (Keycloak keeps redirect URIs unordered), lists of objects by their name or alias.
     */
    static List<String> differences(String path, JsonNode want, JsonNode have) {
        List<String> differ = new ArrayList<>();
        if (want.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                // ids are the server's; a secret the server only shows masked cannot be compared (apply still sends it)
                if ("id".equals(f.getKey()) || f.getKey().toLowerCase(Locale.ROOT).endsWith("secret")
                        && have != null && have.path(f.getKey()).asText().startsWith("**")) {
                    continue;
                }
                differ.addAll(differences(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(),
                        have == null ? null : have.get(f.getKey())));
            }
            return differ;
        }
        if (have == null || have.isNull()) {
            return want.isNull() || want.isArray() && want.isEmpty() ? List.of() : List.of(path);
        }
        if (want.isArray()) {
            if (want.isEmpty() || !want.get(0).isObject()) {
                return texts(want).equals(texts(have)) ? List.of() : List.of(path);
            }
            for (JsonNode item : want) {
                String itemKey = item.has("name") ? "name" : item.has("alias") ? "alias" : null;
                JsonNode match = null;
                for (JsonNode candidate : have) {
                    if (itemKey != null && item.get(itemKey).equals(candidate.get(itemKey))) {
                        match = candidate;
                    }
                }
                differ.addAll(match == null ? List.of(path + "[" + (itemKey == null ? "?" : item.get(itemKey).asText()) + "]")
                        : differences(path + "[" + item.get(itemKey).asText() + "]", item, match));
            }
            return differ;
        }
        return want.asText().equals(have.asText()) ? List.of() : List.of(path);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    private static JsonNode withoutComposites(JsonNode role) {
        ObjectNode copy = role.deepCopy();
        copy.remove("composites");
        return copy;
    }

    private static void close(Response response) {
        try (response) {
            if (response.getStatus() >= 300) {
                throw new IllegalStateException("Keycloak refused: " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
        }
    }

    /** The admin client of a Keycloak, signed in to its master realm. */
    public static Keycloak admin(String serverUrl, String user, String password) {
        return KeycloakBuilder.builder().serverUrl(serverUrl).realm("master").clientId("admin-cli")
                .username(user).password(password).build();
    }

    /**
     * Usage: {@code RealmSync diff|apply SERVER-URL REALM-DIR REALM [demo]}; the admin's name and password from
     * {@code KEYCLOAK_ADMIN_USER} / {@code KEYCLOAK_ADMIN_PASSWORD} (the local run's DEMO admin otherwise). Exit
     * status 0 when nothing differs (diff) or all was applied, 3 when diff found differences.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 4 || !Set.of("diff", "apply").contains(args[0])) {
            System.err.println("usage: realm diff|apply SERVER-URL REALM-DIR REALM [demo]");
            System.exit(2);
        }
        boolean demo = args.length > 4 && "demo".equals(args[4]);
        // where the local run moved the realm's addresses (other ports), as the launcher did when it imported it
        Map<String, String> urls = new HashMap<>();
        Optional.ofNullable(System.getProperty("tongban.realm.hub-url")).ifPresent(u -> urls.put(RealmFiles.HUB_URL, u));
        urls.put(RealmFiles.KEYCLOAK_URL, args[1]);
        JsonNode file = JSON.readTree(RealmFiles.merged(Path.of(args[2]), args[3],
                demo ? List.of(RealmFiles.DEMO) : List.of(), demo ? urls : Map.of()));
        JsonNode resolved = Placeholders.resolve(file, System.getenv());
        String user = System.getenv().getOrDefault("KEYCLOAK_ADMIN_USER", KeycloakLauncher.DEMO_ADMIN);
        String password = System.getenv().getOrDefault("KEYCLOAK_ADMIN_PASSWORD", KeycloakLauncher.DEMO_ADMIN);
        try (Keycloak admin = admin(args[1], user, password)) {
            RealmSync sync = new RealmSync(admin, args[3], resolved);
            List<Change> changes = "apply".equals(args[0]) ? sync.apply() : sync.diff();
            changes.forEach(c -> System.out.println(("apply".equals(args[0]) && c.applicable() ? "changed " : "") + c));
            System.out.println(changes.isEmpty() ? "realm " + args[3] + " matches its file"
                    : changes.size() + " difference(s)" + ("apply".equals(args[0]) ? ", applied where marked" : ""));
            System.exit("diff".equals(args[0]) && !changes.isEmpty() ? 3 : 0);
        }
    }

    /** Keycloak's import placeholders, {@code ${NAME}} and {@code ${NAME:default}}, from the environment. */
    static final class Placeholders {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

        private Placeholders() {
        }

        static JsonNode resolve(JsonNode node, Map<String, String> env) {
            if (node.isTextual()) {
                String text = node.asText();
                Matcher m = PLACEHOLDER.matcher(text);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String value = env.getOrDefault(m.group(1), m.group(2));
                    if (value == null) {
                        throw new IllegalStateException("the realm file needs " + m.group(1) + " (no default)");
                    }
                    m.appendReplacement(out, Matcher.quoteReplacement(value));
                }
                m.appendTail(out);
                return JSON.getNodeFactory().textNode(out.toString());
            }
            if (node.isObject()) {
                ObjectNode copy = JSON.createObjectNode();
                node.fields().forEachRemaining(f -> copy.set(f.getKey(), resolve(f.getValue(), env)));
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = JSON.createArrayNode();
                node.forEach(v -> copy.add(resolve(v, env)));
                return copy;
            }
            return node;
        }
    }
}
