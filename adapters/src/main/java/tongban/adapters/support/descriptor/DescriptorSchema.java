package tongban.adapters.support.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The published JSON Schema of department descriptors ({@code departments/department.schema.json}, the same file
 * editors use through the descriptors' {@code yaml-language-server} line), applied by networknt's validator. Its
 * first complaint becomes a {@link DescriptorException} naming the file and the field, in the descriptor's own
 * terms ({@code services[0].inputs.meterNo.type: unknown value 'barcode' (one of …)}).
 */
final class DescriptorSchema {

    static final String LOCATION = "departments/department.schema.json";

    /** The schema's patterns, said in words. */
    private static final Map<String, String> SHAPES = Map.of(
            "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", "must be kebab case, e.g. tax-clearance",
            "^[0-9]+(ms|s|m)$", "is not a duration such as 5s or 800ms",
            "^/", "must be a pointer starting with /, e.g. /data",
            "^[a-z][A-Za-z0-9]*$", "must be camelCase",
            "^/[A-Za-z0-9._~/{}-]*$", "must be an absolute path such as /api/v1/things/{id}");
    private static final JsonNode DOCUMENT = load();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(DOCUMENT.deepCopy());

    private DescriptorSchema() {
    }

    /** @throws DescriptorException naming the first field that breaks the schema */
    static void check(String source, JsonNode descriptor) {
        List<Error> errors = SCHEMA.validate(descriptor);
        if (!errors.isEmpty()) {
            Error first = errors.get(0);
            String at = field(first.getInstanceLocation());
            String property = first.getProperty();
            String field = property == null || !("required".equals(first.getKeyword())
                    || "additionalProperties".equals(first.getKeyword())) ? at : join(at, property);
            throw new DescriptorException(source, field.isEmpty() ? null : field, problem(first));
        }
    }

    private static String problem(Error error) {
        JsonNode value = error.getInstanceNode();
        JsonNode rule = error.getSchemaNode();
        return switch (error.getKeyword()) {
            case "required" -> "is required";
            case "additionalProperties" -> "unknown field (allowed: " + allowed(error) + ")";
            case "enum" -> "unknown value '" + (value == null ? "" : value.asText()) + "' (one of "
                    + String.join(", ", texts(rule)) + ")";
            case "pattern" -> "'" + (value == null ? "" : value.asText()) + "' "
                    + SHAPES.getOrDefault(rule == null ? "" : rule.asText(), "must match " + (rule == null ? "" : rule.asText()));
            case "type" -> "must be " + (rule == null ? "" : String.join(" or ", texts(rule)));
            case "minItems", "minProperties" -> "must not be empty";
            case "propertyNames" -> "names must be camelCase (inputs: not 'requestId'): " + error.getMessage();
            default -> error.getMessage();
        };
    }

    /** The field names the schema allows where an unknown one was found. */
    private static String allowed(Error error) {
        String location = error.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        String pointer = hash < 0 ? "" : location.substring(hash + 1);
        pointer = pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
        List<String> names = new ArrayList<>();
        DOCUMENT.at(pointer).path("properties").fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (node != null) {
            texts.add(node.asText());
        }
        return texts;
    }

    /** {@code $.services[0].inputs.meterNo} → {@code services[0].inputs.meterNo}. */
    private static String field(NodePath path) {
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(element);
            }
        }
        return field.toString();
    }

    private static String join(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private static JsonNode load() {
        try (InputStream in = DescriptorSchema.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is missing from the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
