package tongban.adapters.tools;

import tongban.adapters.support.descriptor.DescriptorParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tongban.adapters.support.ResidentIdNumber;
import tongban.adapters.support.UnifiedSocialCreditCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./tongban new-department NAME --stubs DIR}: drafts a department's descriptor from recorded WireMock stubs,
 * for the developer to edit — one service per request shape (method and path, with the segments that vary as
 * inputs), inputs from the path, query and JSON body patterns (typed as id number or credit code when every
 * recorded value is one; a service with one id-number input is about that person, its {@code subject}), the key
 * header every stub sends ({@code auth}), the result code and message fields the answers carry inside HTTP 200
 * (by their usual names, in English or pinyin, or as the fields whose values differ from answer to answer), the
 * other codes sorted by their messages, and one output field per field of the sample's data. The draft is checked by
 * the parser before it is written, so it always loads; what it could only guess is marked {@code # TODO}.
 *
 * <p>Beside it in {@code mocks/<department>/}: the stubs ({@code mappings/} and {@code __files/} only — nothing
 * else of the recording's folder) and {@code demo-settings.properties} with the next free port offset and the
 * recorded key as the DEMO ONLY value.
 */
public final class DescriptorDraft {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Usual names of a result code field: English, and the pinyin initials departments use (返回代码, 结果代码, 状态码). */
    private static final List<String> CODE_FIELDS = List.of("code", "status", "retCode", "returnCode", "errcode",
            "resultCode", "rtnCode", "fhdm", "jgdm", "ztm", "zt_dm", "fhm");
    /** … and of its message (返回信息, 结果信息, 信息). */
    private static final List<String> MESSAGE_FIELDS = List.of("message", "msg", "retMsg", "returnMsg", "errmsg",
            "resultMsg", "rtnMsg", "fhxx", "jgxx", "xx", "ztxx");
    /** … and of the data (数据, 结果). */
    private static final List<String> DATA_FIELDS = List.of("data", "result", "bizData", "body", "content", "sj");
    private static final Pattern NOT_FOUND_WORDS = Pattern.compile(".*(无此|不存在|未找到|查无|没有|not found).*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNAVAILABLE_WORDS = Pattern.compile(".*(维护|繁忙|稍后|暂停|超时|busy|maintenance).*",
            Pattern.CASE_INSENSITIVE);
    /** Request headers that say nothing about who is calling. */
    private static final Set<String> PLAIN_HEADERS = Set.of("content-type", "accept", "accept-encoding",
            "accept-language", "user-agent", "connection", "host", "content-length");
    private static final Pattern VARYING = Pattern.compile(".*[0-9].*|.*[\\[\\]()*+?\\\\.].*");
    private static final Pattern KEBAB_PART = Pattern.compile("[^a-z0-9]+");
    private static final String ID_NUMBER = "{ type: id-number }";

    private final String department;
    private final Path stubs;
    private final List<JsonNode> mappings = new ArrayList<>();
    private final List<String> todos = new ArrayList<>();
    /** The key header every stub checks and the recorded value, or null. */
    private String keyHeader;
    private String recordedKey;

    private DescriptorDraft(String department, Path stubs) throws IOException {
        this.department = department;
        this.stubs = stubs;
        Path folder = Files.isDirectory(stubs.resolve("mappings")) ? stubs.resolve("mappings") : stubs;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(file.toFile());
                (root.has("mappings") ? root.get("mappings") : JSON.createArrayNode().add(root)).forEach(mappings::add);
            }
        }
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("no WireMock stub mappings (*.json) in " + folder);
        }
    }

    /**
     * Usage: {@code DescriptorDraft NAME STUBS-DIR PROJECT-ROOT}; writes the descriptor, copies the stubs and drafts
     * the mock's demo settings.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: new-department NAME --stubs DIR");
            System.exit(2);
        }
        String department = args[0];
        Path root = Path.of(args[2]);
        Path target = root.resolve("adapters/src/main/resources/departments/" + department + ".yaml");
        if (Files.exists(target)) {
            System.err.println(target + " exists already; not overwriting it");
            System.exit(1);
        }
        Path recording = Path.of(args[1]);
        DescriptorDraft draft = new DescriptorDraft(department, recording);
        String yaml = draft.yaml();
        Files.writeString(target, yaml);
        Path mocks = root.resolve("mocks").resolve(department);
        if (!Files.exists(mocks)) {
            copyStubs(recording, mocks);
            Files.writeString(mocks.resolve("demo-settings.properties"),
                    draft.demoSettings(nextFreeOffset(root.resolve("mocks"))));
        }
        System.out.println("drafted " + root.relativize(target) + " from " + draft.mappings.size() + " stubs");
        System.out.println("stubs and demo settings in " + root.relativize(mocks)
                + " (add each stub's metadata.contract, see docs/adding-an-adapter.md)");
        draft.todos.forEach(t -> System.out.println("  TODO " + t));
    }

    /** The descriptor, already checked by {@link DescriptorParser}. */
    static String draft(String department, Path stubs) throws IOException {
        return new DescriptorDraft(department, stubs).yaml();
    }

    private String yaml() {
        StringBuilder y = new StringBuilder();
        y.append("# yaml-language-server: $schema=department.schema.json\n");
        y.append("# Drafted by ./tongban new-department from ").append(mappings.size())
                .append(" recorded stubs: check every line, name the fields in the domain's words, add the glossary.\n");
        y.append("department: ").append(department).append('\n');
        y.append("title: ").append(department).append("   # TODO the department's own name\n");
        y.append("timeout: 5s\n");
        findKeyHeader();
        if (keyHeader != null) {
            y.append("auth:                 # the key: TONGBAN_DEPARTMENTS_")
                    .append(department.toUpperCase(Locale.ROOT).replace('-', '_'))
                    .append("_API_KEY (demo: mocks/").append(department).append("/demo-settings.properties)\n");
            y.append("  style: api-key\n  header: ").append(keyHeader).append('\n');
        }
        JsonNode sample = successfulSample();
        String data = "";
        if (sample != null) {
            String dataField = first(sample, DATA_FIELDS);
            String code = codeField(sample, dataField);
            String message = messageField(sample, code, dataField);
            if (code != null || dataField != null) {
                y.append("result:\n");
                if (code != null) {
                    y.append("  code: /").append(code).append('\n');
                    y.append("  ok: [").append(quote(sample.get(code).asText())).append("]\n");
                    sortOtherCodes(y, code, message);
                }
                if (message != null) {
                    y.append("  message: /").append(message).append('\n');
                }
                if (dataField != null) {
                    y.append("  data: /").append(dataField).append('\n');
                    data = dataField;
                }
            }
        } else {
            todos.add("no successful JSON answer among the stubs: write result: and the outputs by hand");
        }
        Set<Integer> statuses = new TreeSet<>();
        mappings.forEach(m -> statuses.add(m.path("response").path("status").asInt(200)));
        if (statuses.contains(404) || statuses.contains(429)) {
            y.append("http-statuses: {");
            List<String> kinds = new ArrayList<>();
            if (statuses.contains(404)) {
                kinds.add(" 404: record-not-found");
            }
            if (statuses.contains(429)) {
                kinds.add(" 429: unavailable");
            }
            y.append(String.join(",", kinds)).append(" }\n");
        }
        y.append("services:\n");
        Set<String> names = new LinkedHashSet<>();
        for (Shape shape : shapes()) {
            String name = uniqueName(shape, names);
            y.append("  - name: ").append(name).append('\n');
            y.append("    title: ").append(shape.title).append("   # TODO\n");
            y.append("    method: ").append(shape.method).append('\n');
            y.append("    path: ").append(shape.path).append('\n');
            if ("POST".equals(shape.method)) {
                y.append("    idempotent: true   # TODO only if the POST merely reads\n");
            }
            if (!shape.query.isEmpty()) {
                y.append("    query:\n");
                shape.query.keySet().forEach(q -> y.append("      ").append(q).append(": \"{").append(camel(q)).append("}\"\n"));
            }
            y.append("    inputs:\n");
            if (shape.inputs.isEmpty()) {
                y.setLength(y.length() - "    inputs:\n".length());
            }
            shape.inputs.forEach((input, values) -> y.append("      ").append(input).append(": ").append(inputType(values)).append('\n'));
            List<String> people = shape.inputs.entrySet().stream()
                    .filter(e -> inputType(e.getValue()).equals(ID_NUMBER)).map(Map.Entry::getKey).toList();
            if (people.size() == 1) {
                // about this person: the hub lets citizens ask only about themselves, staff only for a case
                int at = y.lastIndexOf("    inputs:\n");
                y.insert(at, "    subject: " + people.get(0) + "   # TODO real-name-level: 3 if it answers personal data\n");
            }
            if ("POST".equals(shape.method)) {
                y.append("    body:\n");
                if (shape.body.isEmpty()) {
                    y.append("      requestId: \"{requestId}\"   # TODO the department's request fields\n");
                    todos.add("service " + name + ": its request body");
                }
                shape.body.keySet().forEach(b -> y.append("      ").append(b).append(": \"{").append(camel(b)).append("}\"\n"));
            }
            y.append("    output:\n");
            JsonNode fields = sample == null ? null : (data.isEmpty() ? sample : sample.get(data));
            if (fields != null && fields.isObject() && !fields.isEmpty()) {
                outputs(y, fields, "      ");
            } else {
                y.append("      result: ").append(data.isEmpty() ? "value" : data).append("   # TODO\n");
            }
        }
        String text = y.toString();
        DescriptorParser.parse("departments/" + department + ".yaml",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return text;
    }

    private void outputs(StringBuilder y, JsonNode fields, String indent) {
        fields.fields().forEachRemaining(field -> {
            String name = camel(field.getKey());
            JsonNode value = field.getValue();
            if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                y.append(indent).append(name).append(":\n").append(indent).append("  from: ").append(field.getKey())
                        .append('\n').append(indent).append("  items:\n");
                outputs(y, value.get(0), indent + "    ");
            } else if (value.isValueNode()) {
                String type = value.isNumber() ? (value.isIntegralNumber() ? "integer" : "decimal")
                        : value.isBoolean() ? "boolean" : null;
                y.append(indent).append(name).append(": ");
                y.append(type == null ? field.getKey() : "{ from: " + field.getKey() + ", type: " + type + " }");
                y.append('\n');
            }
        });
    }

    /** A request shape: method and path with its varying segments as inputs. */
    private static final class Shape {
        String method;
        String path;
        String title;
        final Map<String, Set<String>> inputs = new LinkedHashMap<>();
        final Map<String, Set<String>> query = new LinkedHashMap<>();
        final Map<String, Set<String>> body = new LinkedHashMap<>();
    }

    private List<Shape> shapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (JsonNode mapping : mappings) {
            JsonNode request = mapping.path("request");
            String method = request.path("method").asText("GET").toUpperCase(Locale.ROOT);
            String raw = firstText(request, "urlPathTemplate", "urlPath", "url", "urlPathPattern", "urlPattern");
            // only a literal path's segments are values; a pattern's are regular expressions
            boolean literal = firstText(request, "urlPathTemplate", "urlPath", "url") != null;
            if (raw == null || !(method.equals("GET") || method.equals("POST"))) {
                continue; // a catch-all (an auth check on every path, say): not a service of its own
            }
            raw = raw.replaceFirst("\\?.*$", "");
            List<String> template = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            String previous = "id";
            for (String segment : raw.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    template.add(segment);
                    values.put(segment.substring(1, segment.length() - 1), null);
                } else if (VARYING.matcher(segment).matches() && segment.length() >= 6) {
                    String input = camel(previous) + "Id";
                    template.add("{" + input + "}");
                    values.put(input, literal ? segment : null);
                } else {
                    template.add(segment);
                    previous = segment;
                }
            }
            if (template.stream().anyMatch(s -> s.contains(".*") || s.contains("["))) {
                continue; // a pattern of its own kind: a fallback answer to one of the shapes above
            }
            String path = "/" + String.join("/", template);
            Shape shape = shapes.computeIfAbsent(method + " " + path, key -> {
                Shape s = new Shape();
                s.method = method;
                s.path = path;
                s.title = mapping.path("name").asText(path);
                return s;
            });
            values.forEach((input, value) -> add(shape.inputs, input, value));
            request.path("queryParameters").fields().forEachRemaining(q -> {
                add(shape.query, q.getKey(), q.getValue().path("equalTo").asText(null));
                add(shape.inputs, camel(q.getKey()), q.getValue().path("equalTo").asText(null));
            });
            request.path("bodyPatterns").forEach(pattern -> {
                JsonNode jsonPath = pattern.path("matchesJsonPath");
                String expression = jsonPath.isTextual() ? jsonPath.asText() : jsonPath.path("expression").asText("");
                if (expression.matches("\\$\\.[A-Za-z][A-Za-z0-9_]*")) {
                    String field = expression.substring(2);
                    add(shape.body, field, jsonPath.path("equalTo").asText(null));
                    add(shape.inputs, camel(field), jsonPath.path("equalTo").asText(null));
                }
            });
        }
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("no stub with a GET or POST request on a plain path");
        }
        return List.copyOf(shapes.values());
    }

    private static void add(Map<String, Set<String>> map, String key, String value) {
        Set<String> values = map.computeIfAbsent(key, k -> new LinkedHashSet<>());
        if (value != null) {
            values.add(value);
        }
    }

    private String uniqueName(Shape shape, Set<String> names) {
        String[] segments = shape.path.split("/");
        String base = "service";
        for (int i = segments.length - 1; i >= 0; i--) {
            String kebab = KEBAB_PART.matcher(segments[i].toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-|-$", "");
            if (!segments[i].startsWith("{") && !kebab.isEmpty() && Character.isLetter(kebab.charAt(0))) {
                base = kebab;
                break;
            }
        }
        String name = base;
        for (int n = 2; !names.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static String inputType(Set<String> values) {
        if (!values.isEmpty() && values.stream().allMatch(ResidentIdNumber::isValid)) {
            return ID_NUMBER;
        }
        if (!values.isEmpty() && values.stream().allMatch(UnifiedSocialCreditCode::isValid)) {
            return "{ type: credit-code }";
        }
        if (!values.isEmpty() && values.stream().allMatch(v -> v.matches("[0-9A-Za-z-]+"))) {
            int min = values.stream().mapToInt(String::length).min().orElse(1);
            int max = values.stream().mapToInt(String::length).max().orElse(40);
            return "{ type: code, pattern: \"[0-9A-Za-z-]{" + min + "," + max + "}\" }   # TODO the real shape";
        }
        return "{ type: text }   # TODO";
    }

    /**
     * The body of the first 2xx stub whose answer is a JSON object with a data object in it; failing that, the first
     * 2xx JSON object (an answer that is all data).
     */
    private JsonNode successfulSample() {
        JsonNode plain = null;
        for (JsonNode mapping : mappings) {
            JsonNode body = body(mapping.path("response"));
            int status = mapping.path("response").path("status").asInt(200);
            if (status / 100 == 2 && body != null && body.isObject()) {
                String data = first(body, DATA_FIELDS);
                if (data != null && body.get(data).isObject()) {
                    return body;
                }
                if (data == null && plain == null) {
                    plain = body;
                }
            }
        }
        return plain;
    }

    /**
     * The codes other answers carry in the code field, sorted by their messages: "无此…", "不存在" → not-found;
     * "维护", "繁忙", "稍后" → unavailable; the rest left for the developer.
     */
    private void sortOtherCodes(StringBuilder y, String codeField, String messageField) {
        JsonNode ok = successfulSample();
        Map<String, String> others = new LinkedHashMap<>();
        for (JsonNode mapping : mappings) {
            JsonNode body = body(mapping.path("response"));
            if (body != null && body.isObject() && body.has(codeField) && !body.get(codeField).equals(ok.get(codeField))) {
                String words = messageField == null ? mapping.path("name").asText("") : body.path(messageField).asText("");
                others.putIfAbsent(body.get(codeField).asText(), words);
            }
        }
        List<String> notFound = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Set<String> unsorted = new LinkedHashSet<>();
        others.forEach((code, words) -> {
            if (NOT_FOUND_WORDS.matcher(words).matches()) {
                notFound.add(quote(code));
            } else if (UNAVAILABLE_WORDS.matcher(words).matches()) {
                unavailable.add(quote(code));
            } else {
                unsorted.add(code + (words.isEmpty() ? "" : " " + words));
            }
        });
        if (!notFound.isEmpty()) {
            y.append("  not-found: [").append(String.join(", ", notFound)).append("]\n");
        }
        if (!unavailable.isEmpty()) {
            y.append("  unavailable: [").append(String.join(", ", unavailable)).append("]\n");
        }
        if (!unsorted.isEmpty()) {
            y.append("  # TODO sort these codes into not-found / unavailable / refused (else: error): ").append(unsorted)
                    .append('\n');
            todos.add("result codes " + unsorted + ": not-found, unavailable, refused or error?");
        }
    }

    /** The result code field: a usual name, else the one scalar field whose value differs between the answers. */
    private String codeField(JsonNode sample, String dataField) {
        String named = first(sample, CODE_FIELDS);
        if (named != null) {
            return named;
        }
        List<String> varying = varyingScalars(sample, dataField).stream()
                .filter(f -> sample.get(f).asText().matches("[0-9A-Za-z_-]{1,12}")).toList();
        if (varying.size() == 1) {
            todos.add("the result code field /" + varying.get(0) + " was guessed: its value differs between answers");
            return varying.get(0);
        }
        return null;
    }

    /** The message field: a usual name, else a text field beside the code that differs between the answers. */
    private String messageField(JsonNode sample, String codeField, String dataField) {
        String named = first(sample, MESSAGE_FIELDS);
        if (named != null || codeField == null) {
            return named;
        }
        return varyingScalars(sample, dataField).stream().filter(f -> !f.equals(codeField)).findFirst().orElse(null);
    }

    /** Top-level scalar fields of the sample that other JSON answers carry with another value. */
    private List<String> varyingScalars(JsonNode sample, String dataField) {
        List<String> fields = new ArrayList<>();
        sample.fieldNames().forEachRemaining(field -> {
            if (field.equals(dataField) || !sample.get(field).isValueNode()) {
                return;
            }
            boolean varies = mappings.stream().map(m -> body(m.path("response")))
                    .anyMatch(b -> b != null && b.isObject() && b.has(field) && !b.get(field).equals(sample.get(field)));
            if (varies) {
                fields.add(field);
            }
        });
        return fields;
    }

    /**
     * The department's key: a header, not about the content, that most stubs require with one literal value — or
     * that a refusing stub matches when it is <em>not</em> that value ({@code doesNotMatch}, the usual 401 catch-all).
     */
    private void findKeyHeader() {
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (JsonNode mapping : mappings) {
            mapping.path("request").path("headers").fields().forEachRemaining(h -> {
                if (PLAIN_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    return;
                }
                if (h.getValue().has("doesNotMatch") && keyHeader == null) {
                    keyHeader = h.getKey();
                    recordedKey = h.getValue().get("doesNotMatch").asText();
                } else if (h.getValue().has("equalTo")) {
                    seen.computeIfAbsent(h.getKey(), k -> new LinkedHashSet<>()).add(h.getValue().get("equalTo").asText());
                }
            });
        }
        seen.forEach((header, values) -> {
            long stubsWithIt = mappings.stream().filter(m -> m.path("request").path("headers").has(header)).count();
            if (keyHeader == null && values.size() == 1 && stubsWithIt * 2 > mappings.size()) {
                keyHeader = header;
                recordedKey = values.iterator().next();
            }
        });
        if (keyHeader != null && keyHeader.equalsIgnoreCase("Authorization")) {
            todos.add("the key is sent as Authorization: check whether it is a static token or a login (OAuth, a signature)");
        }
    }

    /** The mock's demo-settings.properties: its port offset and, as a DEMO ONLY value, the key the stubs recorded. */
    String demoSettings(int portOffset) {
        StringBuilder p = new StringBuilder();
        p.append("# where the demo runs this mock: port-base (8181) + this offset; declared so that a new department moves no one\n");
        p.append("mock.port-offset=").append(portOffset).append('\n');
        if (recordedKey != null) {
            p.append("# DEMO ONLY: the key the recorded stubs check (").append(keyHeader).append("). Production sets it from a secret:\n");
            p.append("# TONGBAN_DEPARTMENTS_").append(department.toUpperCase(Locale.ROOT).replace('-', '_')).append("_API_KEY.\n");
            p.append("api-key=").append(recordedKey).append('\n');
        }
        return p.toString();
    }

    /** The first port offset from 20 that no folder of mocks/ declares. */
    static int nextFreeOffset(Path mocks) throws IOException {
        Set<Integer> taken = new TreeSet<>();
        if (Files.isDirectory(mocks)) {
            try (Stream<Path> folders = Files.list(mocks)) {
                for (Path settings : folders.map(f -> f.resolve("demo-settings.properties")).filter(Files::exists).toList()) {
                    Properties p = new Properties();
                    try (Reader in = Files.newBufferedReader(settings)) {
                        p.load(in);
                    }
                    String offset = p.getProperty("mock.port-offset");
                    if (offset != null && offset.strip().matches("[0-9]+")) {
                        taken.add(Integer.parseInt(offset.strip()));
                    }
                }
            }
        }
        int next = 20;
        while (taken.contains(next)) {
            next++;
        }
        return next;
    }

    private JsonNode body(JsonNode response) {
        try {
            if (response.has("jsonBody")) {
                return response.get("jsonBody");
            }
            if (response.has("bodyFileName")) {
                Path file = stubs.resolve("__files").resolve(response.get("bodyFileName").asText());
                return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
            }
            if (response.has("body")) {
                return JSON.readTree(response.get("body").asText());
            }
        } catch (IOException e) {
            return null; // not JSON
        }
        return null;
    }

    private static String first(JsonNode node, List<String> names) {
        return names.stream().filter(node::has).findFirst().orElse(null);
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                return node.get(field).asText();
            }
        }
        return null;
    }

    private static String camel(String name) {
        String[] parts = name.split("[^A-Za-z0-9]+");
        StringBuilder camel = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            camel.append(camel.isEmpty() ? Character.toLowerCase(part.charAt(0)) : Character.toUpperCase(part.charAt(0)))
                    .append(part.substring(1));
        }
        String result = camel.isEmpty() ? "value" : camel.toString();
        return Character.isDigit(result.charAt(0)) ? "f" + result : result;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    /** The recording's stubs — {@code mappings/} and {@code __files/}, or the flat folder's {@code *.json} as mappings. */
    static void copyStubs(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from.resolve("mappings"))) {
            Files.createDirectories(to.resolve("mappings"));
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Files.copy(file, to.resolve("mappings").resolve(file.getFileName().toString()));
                }
            }
            return;
        }
        for (String folder : List.of("mappings", "__files")) {
            Path source = from.resolve(folder);
            if (!Files.isDirectory(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path target = to.resolve(folder).resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        }
    }
}
