package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tongban.adapters.support.ServiceDefinition;
import tongban.hub.exchange.ServiceRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What can be applied for, read from data: one file per item ({@code cases/items/<id>.yaml}: its 实施编码, the
 * department and intake that decide it, its form, the intake's inputs and the materials fetched instead of asked
 * for) and one per one-thing bundle ({@code cases/bundles/<id>.yaml}: its parts, their order, the fields an earlier
 * part's result fills). Everything is checked at start against the exchange: a wrong name stops the start, naming
 * the file and the field.
 */
public final class Applications {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)\\.([a-zA-Z]+)}");
    private static final Set<String> SOURCES = Set.of("form", "case", "applicant");

    /** 一证通办 — a material the platform fetches through the exchange, with the applicant's consent. */
    public record SharedMaterial(String material, String department, String service, Map<String, String> request) {
        public String address() {
            return department + "/" + service;
        }
    }

    /**
     * One item that may be applied for.
     *
     * @param service  the department's intake on the exchange, or null for an item the window decides itself
     * @param cityWide 全城通办: any window in the city may take it in; the window that takes it in the halls file
     *                 handles it
     */
    public record Item(String id, String code, String department, String service, Map<String, FormField> form,
                       Map<String, String> request, List<SharedMaterial> shared, Commitment commitment,
                       boolean cityWide) {

        Optional<SharedMaterial> shared(String department, String service) {
            return shared.stream().filter(m -> m.department().equals(department) && m.service().equals(service))
                    .findFirst();
        }
    }

    /**
     * 告知承诺 — an item approved at once on the applicant's pledge and checked afterwards.
     *
     * @param pledge         the pledge the applicant accepts, word for word
     * @param checkWithin    the working days the department has for its check (事后核查) after the approval
     * @param checkedBy      the department that checks
     */
    public record Commitment(String pledge, int checkWithin, String checkedBy) {
    }

    /** One part of a bundle: its item, the parts it waits for, and its fields filled from their results. */
    public record Part(String id, Item item, List<String> after, Map<String, String> fill) {
    }

    /** 一件事 — items of several departments applied for at once. */
    public record Bundle(String id, String title, String summary, List<Part> parts) {

        /** The one form: every part's fields, each asked once, less those an earlier part fills. */
        public Map<String, FormField> form() {
            Map<String, FormField> form = new LinkedHashMap<>();
            for (Part part : parts) {
                part.item().form().forEach((name, field) -> {
                    if (!part.fill().containsKey(name)) {
                        form.putIfAbsent(name, field);
                    }
                });
            }
            return form;
        }

        Part part(String id) {
            return parts.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        }
    }

    private final Map<String, Item> items;
    private final Map<String, Bundle> bundles;

    Applications(Map<String, Item> items, Map<String, Bundle> bundles) {
        this.items = Map.copyOf(items);
        this.bundles = Map.copyOf(bundles);
    }

    public Collection<Bundle> bundles() {
        return bundles.values().stream().sorted(Comparator.comparing(Bundle::id)).toList();
    }

    public Collection<Item> items() {
        return items.values().stream().sorted(Comparator.comparing(Item::id)).toList();
    }

    Optional<Bundle> bundle(String id) {
        return Optional.ofNullable(bundles.get(id));
    }

    /** An item by its 实施编码. */
    Optional<Item> itemByCode(String code) {
        return items.values().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    Optional<Item> item(String id) {
        return Optional.ofNullable(items.get(id));
    }

    static Applications load(String location, ServiceRegistry registry) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (Resource file : files(location + "/items/*.yaml")) {
            Item item = item(file, registry);
            items.put(item.id(), item);
        }
        Map<String, Bundle> bundles = new LinkedHashMap<>();
        for (Resource file : files(location + "/bundles/*.yaml")) {
            Bundle bundle = bundle(file, items);
            bundles.put(bundle.id(), bundle);
        }
        return new Applications(items, bundles);
    }

    private static Resource[] files(String pattern) {
        try {
            return new PathMatchingResourcePatternResolver().getResources(pattern);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + pattern, e);
        }
    }

    private static JsonNode read(Resource file, String source) {
        try (InputStream in = file.getInputStream()) {
            JsonNode root = YAML.readTree(in);
            if (root == null || !root.isObject()) {
                throw new IllegalStateException(source + ": must be a YAML mapping");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalStateException(source + ": not valid YAML: " + e.getMessage());
        }
    }

    private static String idOf(Resource file, String source) {
        String id = String.valueOf(file.getFilename()).replaceFirst("\\.yaml$", "");
        if (!ID.matcher(id).matches()) {
            throw new IllegalStateException(source + ": the file name must be a lower-case id (a-z, 0-9, -)");
        }
        return id;
    }

    private static Item item(Resource file, ServiceRegistry registry) {
        String source = "cases/items/" + file.getFilename();
        String id = idOf(file, source);
        JsonNode root = read(file, source);
        String code = required(root, source, "code");
        String department = required(root, source, "department");
        String service = root.path("service").asText(null);
        if (service != null && registry.find(department, service).isEmpty()) {
            throw new IllegalStateException(source + ": service: " + department + "/" + service
                    + " is not on the exchange");
        }
        if (service == null && !registry.departments().contains(department)) {
            throw new IllegalStateException(source + ": department: '" + department + "' is not on the exchange");
        }
        Map<String, FormField> form = form(root.path("form"), source);
        Map<String, String> request = strings(root.path("request"), source + ": request");
        request.forEach((input, template) -> placeholders(source + ": request." + input, template, form.keySet()));
        List<SharedMaterial> shared = new ArrayList<>();
        int i = 0;
        for (JsonNode m : root.path("shared")) {
            String at = source + ": shared[" + i++ + "]";
            String dept = required(m, at, "department");
            String svc = required(m, at, "service");
            ServiceDefinition definition = registry.find(dept, svc).orElseThrow(() ->
                    new IllegalStateException(at + ": " + dept + "/" + svc + " is not on the exchange"));
            if (!definition.concernsPerson()) {
                throw new IllegalStateException(at + ": " + definition.address() + " is not about a person: "
                        + "public information needs no consent");
            }
            Map<String, String> fetch = strings(m.path("request"), at + ".request");
            fetch.forEach((input, template) -> placeholders(at + ".request." + input, template, form.keySet()));
            shared.add(new SharedMaterial(required(m, at, "material"), dept, svc, fetch));
        }
        Commitment commitment = null;
        if (root.has("commitment")) {
            JsonNode c = root.get("commitment");
            String at = source + ": commitment";
            String checkedBy = required(c, at, "checked-by");
            if (!registry.departments().contains(checkedBy)) {
                throw new IllegalStateException(at + ".checked-by: '" + checkedBy + "' is not on the exchange");
            }
            if (service != null) {
                throw new IllegalStateException(at + ": an item approved on a pledge is approved by the platform at "
                        + "once; it has no department intake (service)");
            }
            commitment = new Commitment(required(c, at, "pledge").strip(), c.path("check-within").asInt(20), checkedBy);
        }
        return new Item(id, code, department, service, form, request, List.copyOf(shared), commitment,
                root.path("city-wide").asBoolean(false));
    }

    private static Bundle bundle(Resource file, Map<String, Item> items) {
        String source = "cases/bundles/" + file.getFilename();
        String id = idOf(file, source);
        JsonNode root = read(file, source);
        List<Part> parts = new ArrayList<>();
        Map<String, Part> byId = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode p : root.path("parts")) {
            String at = source + ": parts[" + i++ + "]";
            String partId = required(p, at, "id");
            String itemId = required(p, at, "item");
            Item item = Optional.ofNullable(items.get(itemId)).orElseThrow(() -> new IllegalStateException(
                    at + ".item: no cases/items/" + itemId + ".yaml"));
            if (item.service() == null) {
                throw new IllegalStateException(at + ".item: " + itemId + " has no department intake to send a part to");
            }
            if (item.commitment() != null) {
                throw new IllegalStateException(at + ".item: " + itemId + " is approved on a pledge; a bundle's parts "
                        + "go to departments");
            }
            List<String> after = new ArrayList<>();
            p.path("after").forEach(a -> after.add(a.asText()));
            for (String earlier : after) {
                if (!byId.containsKey(earlier)) {
                    throw new IllegalStateException(at + ".after: '" + earlier + "' is not an earlier part");
                }
            }
            Map<String, String> fill = strings(p.path("fill"), at + ".fill");
            fill.forEach((field, from) -> {
                if (!item.form().containsKey(field)) {
                    throw new IllegalStateException(at + ".fill: " + itemId + " has no field '" + field + "'");
                }
                String[] ref = from.split("\\.");
                if (ref.length != 2 || !after.contains(ref[0]) || !"result".equals(ref[1])) {
                    throw new IllegalStateException(at + ".fill." + field + ": must be <an earlier part in after>.result");
                }
            });
            Part part = new Part(partId, item, List.copyOf(after), fill);
            if (byId.put(partId, part) != null) {
                throw new IllegalStateException(at + ".id: duplicate part '" + partId + "'");
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            throw new IllegalStateException(source + ": parts: a bundle joins at least one item");
        }
        Map<String, FormField> seen = new LinkedHashMap<>();
        for (Part part : parts) {
            part.item().form().forEach((name, field) -> {
                FormField first = seen.putIfAbsent(name, field);
                if (first != null && !first.type().equals(field.type())) {
                    throw new IllegalStateException(source + ": field '" + name + "' is " + first.type() + " in one "
                            + "part and " + field.type() + " in " + part.id() + ": a field asked once means one thing");
                }
            });
        }
        return new Bundle(id, required(root, source, "title"), root.path("summary").asText(""), List.copyOf(parts));
    }

    private static Map<String, FormField> form(JsonNode node, String source) {
        Map<String, FormField> form = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            String at = source + ": form." + entry.getKey();
            JsonNode f = entry.getValue();
            String type = f.path("type").asText("text");
            if (!FormField.TYPES.contains(type)) {
                throw new IllegalStateException(at + ".type: '" + type + "' (one of " + FormField.TYPES + ")");
            }
            Map<String, String> choices = strings(f.path("choices"), at + ".choices");
            if ("choice".equals(type) && choices.isEmpty()) {
                throw new IllegalStateException(at + ".choices: a choice needs its choices");
            }
            Pattern pattern = f.hasNonNull("pattern") ? Pattern.compile(f.get("pattern").asText()) : null;
            form.put(entry.getKey(), new FormField(entry.getKey(), required(f, at, "label"), type, choices,
                    f.path("max-length").asInt(200), f.hasNonNull("min") ? f.get("min").asLong() : null,
                    f.hasNonNull("max") ? f.get("max").asLong() : null, pattern));
        });
        return form;
    }

    private static void placeholders(String at, String template, Set<String> form) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String source = m.group(1);
            String name = m.group(2);
            boolean known = switch (source) {
                case "form" -> form.contains(name);
                case "case" -> name.equals("number");
                case "applicant" -> Set.of("idNumber", "name", "creditCode").contains(name);
                default -> false;
            };
            if (!SOURCES.contains(source) || !known) {
                throw new IllegalStateException(at + ": {" + source + "." + name + "} names nothing "
                        + "(form fields, case.number, applicant.idNumber|name|creditCode)");
            }
        }
    }

    private static Map<String, String> strings(JsonNode node, String at) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw new IllegalStateException(at + ": must be a mapping");
        }
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static String required(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.asText("").isBlank()) {
            throw new IllegalStateException(at + ": '" + field + "' is required");
        }
        return value.asText();
    }

    /** The value of one template: a lone placeholder keeps its JSON type, anything else is text. */
    static JsonNode render(String template, Map<String, JsonNode> values) {
        Matcher lone = PLACEHOLDER.matcher(template);
        if (lone.matches()) {
            JsonNode value = values.get(lone.group(1) + "." + lone.group(2));
            return value == null ? NullNode.instance : value;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = values.get(m.group(1) + "." + m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null || value.isNull() ? "" : value.asText()));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }
}
