package tongban.adapters.support.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.springframework.boot.convert.DurationStyle;
import tongban.adapters.support.CallLimits;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.descriptor.AdapterDescriptor.Auth;
import tongban.adapters.support.descriptor.AdapterDescriptor.AuthStyle;
import tongban.adapters.support.descriptor.AdapterDescriptor.Format;
import tongban.adapters.support.descriptor.AdapterDescriptor.Input;
import tongban.adapters.support.descriptor.AdapterDescriptor.InputType;
import tongban.adapters.support.descriptor.AdapterDescriptor.OutputField;
import tongban.adapters.support.descriptor.AdapterDescriptor.Result;
import tongban.adapters.support.descriptor.AdapterDescriptor.Service;
import tongban.adapters.support.descriptor.AdapterDescriptor.ValueType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a department descriptor and checks it completely before anything runs: first against its published JSON
 * Schema ({@link DescriptorSchema}: required fields, known keys only — a typo is an error, not a silently ignored
 * line —, known styles and types), then what a schema cannot say: placeholders that name real inputs, inputs that
 * are actually sent, unique service names, regular expressions and date patterns that compile. Every error names
 * the file and the field.
 */
public final class DescriptorParser {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    static final String REQUEST_ID = "requestId";

    private final String source;

    private DescriptorParser(String source) {
        this.source = source;
    }

    public static AdapterDescriptor parse(String source, InputStream yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new DescriptorException(source, null, "not valid YAML: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new DescriptorException(source, null, "must be a YAML mapping with 'department', 'services', …");
        }
        DescriptorSchema.check(source, root);
        return new DescriptorParser(source).descriptor(root);
    }

    private AdapterDescriptor descriptor(JsonNode root) {
        String department = required(root, "", "department", KEBAB, "kebab case, e.g. enterprise-registration");
        Format format = enumValue(root, "", "format", Format.class, Format.JSON);
        Charset charset = charset(root);
        List<Service> services = new ArrayList<>();
        JsonNode list = root.get("services");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw error("services", "is required: a list with at least one service");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Service service = service(list.get(i), "services[" + i + "]", format);
            if (!names.add(service.name())) {
                throw error("services[" + i + "].name", "duplicate service '" + service.name() + "'");
            }
            services.add(service);
        }
        return new AdapterDescriptor(source, department, text(root, "", "title", department),
                text(root, "", "unit-code", null), duration(root, "timeout", Duration.ofSeconds(5)), duration(root, "connect-timeout", Duration.ofSeconds(2)),
                size(root.get("max-answer-size")),
                root.path("max-concurrent-calls").asInt(CallLimits.DEFAULT_MAX_CONCURRENT_CALLS),
                text(root, "", "transaction-header", null),
                auth(root.get("auth")), format, charset, result(root.get("result")), statusKinds(root.get("http-statuses")),
                List.copyOf(services), callbacks(root.get("callbacks")));
    }

    private List<AdapterDescriptor.Callback> callbacks(JsonNode list) {
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw error("callbacks", "must be a list");
        }
        List<AdapterDescriptor.Callback> callbacks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "callbacks[" + i + "]";
            JsonNode node = list.get(i);
            String name = required(node, at, "name", KEBAB, "kebab case, e.g. stage-changed");
            if (!names.add(name)) {
                throw error(at + ".name", "duplicate callback '" + name + "'");
            }
            String eventId = text(node, at, "event-id", null);
            if (eventId == null) {
                throw error(at + ".event-id", "is required: the department's id of the event, so a repeat is recognised");
            }
            JsonNode fields = node.get("fields");
            if (fields == null || !fields.isObject() || fields.isEmpty()) {
                throw error(at + ".fields", "is required: the canonical event's fields and where they come from");
            }
            callbacks.add(new AdapterDescriptor.Callback(name, text(node, at, "title", name),
                    text(node, at, "client", null),
                    relativePointer(eventId), outputs(fields, at + ".fields")));
        }
        return List.copyOf(callbacks);
    }

    private Auth auth(JsonNode auth) {
        if (auth == null) {
            return Auth.NONE;
        }
        AuthStyle style = enumValue(auth, "auth", "style", AuthStyle.class, AuthStyle.NONE);
        return switch (style) {
            case NONE -> Auth.NONE;
            case API_KEY -> new Auth(style, text(auth, "auth", "header", "X-Api-Key"));
            case HMAC_SHA256 -> new Auth(style, null);
        };
    }

    private Result result(JsonNode result) {
        if (result == null) {
            return new Result(null, List.of(), List.of(), List.of(), List.of(), null, "");
        }
        String code = pointer(result, "result", "code");
        List<String> ok = strings(result, "result", "ok");
        if (code != null && ok.isEmpty()) {
            throw error("result.ok", "is required when result.code is given: the codes that mean success");
        }
        String data = pointer(result, "result", "data");
        return new Result(code, ok, strings(result, "result", "not-found"), strings(result, "result", "unavailable"),
                strings(result, "result", "refused"), pointer(result, "result", "message"), data == null ? "" : data);
    }

    private Map<Integer, DepartmentException.Kind> statusKinds(JsonNode statuses) {
        Map<Integer, DepartmentException.Kind> kinds = new LinkedHashMap<>();
        if (statuses == null) {
            return kinds;
        }
        if (!statuses.isObject()) {
            throw error("http-statuses", "must map HTTP statuses to record-not-found, unavailable, timeout or error");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = statuses.fields(); it.hasNext(); ) {
            var entry = it.next();
            String field = "http-statuses." + entry.getKey();
            int status;
            try {
                status = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                status = 0;
            }
            if (status < 300 || status > 599) {
                throw error(field, "must be an HTTP status from 300 to 599");
            }
            kinds.put(status, constant(entry.getValue().asText(), DepartmentException.Kind.class, field));
        }
        return Map.copyOf(kinds);
    }

    private Service service(JsonNode node, String at, Format format) {
        if (node == null || !node.isObject()) {
            throw error(at, "must be a mapping with name, method, path, …");
        }
        String name = required(node, at, "name", KEBAB, "kebab case, e.g. tax-clearance");
        String method = required(node, at, "method", Pattern.compile("GET|POST"), "GET or POST");
        String path = required(node, at, "path", Pattern.compile("/[A-Za-z0-9._~/{}-]*"),
                "an absolute path such as /api/v1/things/{id}");
        Map<String, Input> inputs = inputs(node.get("inputs"), at + ".inputs");
        Set<String> used = new LinkedHashSet<>();
        placeholders(path, at + ".path", inputs, used);
        Map<String, String> query = new LinkedHashMap<>();
        JsonNode queryNode = node.get("query");
        if (queryNode != null) {
            if (!queryNode.isObject()) {
                throw error(at + ".query", "must map the department's parameter names to values such as \"{id}\"");
            }
            queryNode.fields().forEachRemaining(e -> {
                placeholders(e.getValue().asText(), at + ".query." + e.getKey(), inputs, used);
                query.put(e.getKey(), e.getValue().asText());
            });
        }
        String body = body(node.get("body"), at + ".body", format, method, inputs, used);
        for (String input : inputs.keySet()) {
            if (!used.contains(input)) {
                throw error(at + ".inputs." + input, "is never sent: use {" + input + "} in the path, query or body");
            }
        }
        String subject = text(node, at, "subject", null);
        if (subject != null && (!inputs.containsKey(subject) || inputs.get(subject).type() != InputType.ID_NUMBER
                || !inputs.get(subject).required())) {
            throw error(at + ".subject", "must name a required input of type id-number");
        }
        int level = node.path("real-name-level").asInt(0);
        if (node.has("real-name-level") && (level < 2 || level > 4)) {
            throw error(at + ".real-name-level", "must be 2, 3 or 4");
        }
        boolean idempotent = node.has("idempotent") ? node.get("idempotent").asBoolean() : "GET".equals(method);
        JsonNode output = node.get("output");
        if (output == null || !output.isObject() || output.isEmpty()) {
            throw error(at + ".output", "is required: the canonical fields of the answer and where they come from");
        }
        return new Service(name, text(node, at, "title", name), method, path, Map.copyOf(query), body,
                inputs, subject, level, idempotent, outputs(output, at + ".output"));
    }

    private Map<String, Input> inputs(JsonNode node, String at) {
        Map<String, Input> inputs = new LinkedHashMap<>();
        if (node == null) {
            return inputs;
        }
        if (!node.isObject()) {
            throw error(at, "must map input names to their type and rules");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String name = entry.getKey();
            String field = at + "." + name;
            if (!CAMEL.matcher(name).matches() || REQUEST_ID.equals(name)) {
                throw error(field, "input names are camelCase and not 'requestId'");
            }
            JsonNode spec = entry.getValue();
            InputType type = enumValue(spec, field, "type", InputType.class, null);
            if (type == null) {
                throw error(field + ".type", "is required: one of " + names(InputType.class));
            }
            Pattern pattern = null;
            if (spec.has("pattern")) {
                try {
                    pattern = Pattern.compile(spec.get("pattern").asText());
                } catch (PatternSyntaxException e) {
                    throw error(field + ".pattern", "is not a regular expression: " + e.getDescription());
                }
            }
            if (type == InputType.CODE && pattern == null) {
                throw error(field + ".pattern", "is required for type code (what a valid code looks like)");
            }
            DateTimeFormatter format = null;
            if (type == InputType.MONTH || type == InputType.DATE) {
                format = formatter(text(spec, field, "format", type == InputType.MONTH ? "yyyy-MM" : "yyyy-MM-dd"),
                        field + ".format");
            }
            inputs.put(name, new Input(name, type, spec.path("required").asBoolean(true),
                    text(spec, field, "default", null), pattern, spec.path("max-length").asInt(200),
                    spec.has("min") ? spec.get("min").asInt() : null, spec.has("max") ? spec.get("max").asInt() : null,
                    format));
        }
        return inputs;
    }

    private String body(JsonNode body, String at, Format format, String method, Map<String, Input> inputs,
                        Set<String> used) {
        if (body == null) {
            if ("POST".equals(method)) {
                throw error(at, "is required for POST");
            }
            return null;
        }
        if ("GET".equals(method)) {
            throw error(at, "a GET sends no body");
        }
        String template;
        if (format == Format.XML) {
            if (!body.isTextual()) {
                throw error(at, "for an XML department: the request document as text, with {input} placeholders");
            }
            template = body.asText().strip();
        } else {
            if (!body.isObject()) {
                throw error(at, "for a JSON department: the request object, with \"{input}\" string values");
            }
            checkJsonTemplate(body, at);
            template = body.toString();
        }
        placeholders(template, at, inputs, used);
        return template;
    }

    /** A placeholder in a JSON body must be a whole string value, so that it is written as one JSON value. */
    private void checkJsonTemplate(JsonNode node, String at) {
        node.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (value.isObject()) {
                checkJsonTemplate(value, at + "." + e.getKey());
            } else if (value.isTextual() && PLACEHOLDER.matcher(value.asText()).find()
                    && !PLACEHOLDER.matcher(value.asText()).matches()) {
                throw error(at + "." + e.getKey(), "a placeholder must be the whole value, e.g. \"{idNumber}\"");
            }
        });
    }

    private void placeholders(String template, String at, Map<String, Input> inputs, Set<String> used) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            if (!REQUEST_ID.equals(name) && !inputs.containsKey(name)) {
                throw error(at, "{" + name + "} is not one of the inputs " + inputs.keySet());
            }
            used.add(name);
        }
    }

    private List<OutputField> outputs(JsonNode node, String at) {
        List<OutputField> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String name = entry.getKey();
            String field = at + "." + name;
            if (!CAMEL.matcher(name).matches()) {
                throw error(field, "canonical field names are camelCase");
            }
            JsonNode spec = entry.getValue();
            if (spec.isTextual()) {
                fields.add(new OutputField(name, relativePointer(spec.asText()), ValueType.TEXT, null, Map.of(), null,
                        List.of()));
                continue;
            }
            if (!spec.isObject()) {
                throw error(field, "must be the department's field name, or a mapping with from, type, codes, items");
            }
            String from = text(spec, field, "from", null);
            if (from == null) {
                throw error(field + ".from", "is required: the department's field");
            }
            ValueType type = enumValue(spec, field, "type", ValueType.class, spec.has("items") ? ValueType.LIST : ValueType.TEXT);
            List<OutputField> items = List.of();
            if (type == ValueType.LIST) {
                JsonNode itemSpec = spec.get("items");
                if (itemSpec == null || !itemSpec.isObject() || itemSpec.isEmpty()) {
                    throw error(field + ".items", "is required for a list: the fields of each element");
                }
                items = outputs(itemSpec, field + ".items");
            }
            DateTimeFormatter format = null;
            if (type == ValueType.DATE || type == ValueType.MONTH || type == ValueType.DATETIME) {
                String defaultFormat = switch (type) {
                    case DATE -> "yyyy-MM-dd";
                    case MONTH -> "yyyy-MM";
                    default -> "yyyy-MM-dd HH:mm:ss";
                };
                format = formatter(text(spec, field, "format", defaultFormat), field + ".format");
            }
            Map<String, String> codes = new LinkedHashMap<>();
            JsonNode codeNode = spec.get("codes");
            if (codeNode != null) {
                if (!codeNode.isObject()) {
                    throw error(field + ".codes", "must map the department's codes to canonical values");
                }
                codeNode.fields().forEachRemaining(c -> codes.put(c.getKey(), c.getValue().asText()));
            }
            fields.add(new OutputField(name, relativePointer(from), type, format, Map.copyOf(codes),
                    text(spec, field, "other", null), items));
        }
        return List.copyOf(fields);
    }

    private Charset charset(JsonNode root) {
        String name = text(root, "", "charset", "UTF-8");
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            throw error("charset", "unknown character set '" + name + "'");
        }
    }

    private Duration duration(JsonNode node, String field, Duration defaultValue) {
        String text = text(node, "", field, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            Duration value = DurationStyle.detectAndParse(text);
            if (value.isNegative() || value.isZero() || value.toMinutes() > 5) {
                throw error(field, "must be more than 0 and at most 5 minutes");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw error(field, "'" + text + "' is not a duration such as 5s or 800ms");
        }
    }

    /** {@code 512KB}, {@code 2MB}: the schema checked the shape. */
    private static long size(JsonNode node) {
        if (node == null) {
            return CallLimits.DEFAULT_MAX_ANSWER_BYTES;
        }
        String text = node.asText();
        long number = Long.parseLong(text.substring(0, text.length() - 2));
        return text.endsWith("MB") ? number * 1024 * 1024 : number * 1024;
    }

    private DateTimeFormatter formatter(String pattern, String field) {
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw error(field, "'" + pattern + "' is not a date pattern such as yyyyMM");
        }
    }

    private String pointer(JsonNode node, String at, String field) {
        String text = text(node, at, field, null);
        if (text != null && !text.startsWith("/")) {
            throw error(at + "." + field, "must be a pointer starting with /, e.g. /data");
        }
        return text;
    }

    private static String relativePointer(String from) {
        return from.startsWith("/") ? from : "/" + from;
    }

    private List<String> strings(JsonNode node, String at, String field) {
        JsonNode list = node.get(field);
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw error(at + "." + field, "must be a list, e.g. [\"0\"]");
        }
        List<String> values = new ArrayList<>();
        list.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    private String required(JsonNode node, String at, String field, Pattern shape, String expectation) {
        String value = text(node, at, field, null);
        if (value == null) {
            throw error(join(at, field), "is required (" + expectation + ")");
        }
        if (!shape.matcher(value).matches()) {
            throw error(join(at, field), "'" + value + "' must be " + expectation);
        }
        return value;
    }

    private String text(JsonNode node, String at, String field, String defaultValue) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isValueNode()) {
            throw error(join(at, field), "must be a single value");
        }
        return value.asText();
    }

    private <E extends Enum<E>> E enumValue(JsonNode node, String at, String field, Class<E> type, E defaultValue) {
        String text = text(node, at, field, null);
        return text == null ? defaultValue : constant(text, type, join(at, field));
    }

    private <E extends Enum<E>> E constant(String text, Class<E> type, String field) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw error(field, "unknown value '" + text + "' (one of " + names(type) + ")");
        }
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return String.join(", ", names);
    }

    private static String join(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private DescriptorException error(String field, String problem) {
        return new DescriptorException(source, field, problem);
    }
}
