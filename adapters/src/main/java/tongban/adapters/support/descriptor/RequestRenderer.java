package tongban.adapters.support.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import tongban.adapters.support.InvalidRequestException;
import tongban.adapters.support.RequestFields;
import tongban.adapters.support.UnifiedSocialCreditCode;
import tongban.adapters.support.descriptor.AdapterDescriptor.Format;
import tongban.adapters.support.descriptor.AdapterDescriptor.Input;
import tongban.adapters.support.descriptor.AdapterDescriptor.Service;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;

/**
 * Turns a canonical JSON request into the department's request for one described service: every input
 * checked by its type (a bad value is the caller's 400 naming the field, and the department is never called),
 * then written into the path, query and body. Values are escaped for where they go — URL, JSON or XML —
 * so no caller input can change the shape of the department's request.
 */
final class RequestRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What goes to the department. {@code query} is already encoded; {@code body} is null for a GET. */
    record Rendered(String path, String query, byte[] body) {
    }

    private final Service service;
    private final Format format;
    private final Charset charset;
    private final ObjectNode jsonBody;

    RequestRenderer(Service service, Format format, Charset charset) {
        this.service = service;
        this.format = format;
        this.charset = charset;
        this.jsonBody = service.bodyTemplate() != null && format == Format.JSON ? parse(service.bodyTemplate()) : null;
    }

    Rendered render(JsonNode request, String requestId) {
        Map<String, JsonNode> values = new HashMap<>();
        for (Input input : service.inputs().values()) {
            values.put(input.name(), value(input, request));
        }
        values.put(DescriptorParser.REQUEST_ID, requestId == null ? NullNode.getInstance() : TextNode.valueOf(requestId));
        String path = replace(service.pathTemplate(), values, Escape.PATH);
        StringJoiner query = new StringJoiner("&");
        service.query().forEach((name, template) -> {
            String value = replace(template, values, Escape.QUERY);
            if (!value.isEmpty()) {
                query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + value);
            }
        });
        byte[] body = null;
        if (service.bodyTemplate() != null) {
            body = format == Format.XML
                    ? replace(service.bodyTemplate(), values, Escape.XML).getBytes(charset)
                    : fill(jsonBody.deepCopy(), values).toString().getBytes(charset);
        }
        return new Rendered(path, query.length() == 0 ? null : query.toString(), body);
    }

    /** The checked value of one input, as the department wants it written; null when optional and absent. */
    private static JsonNode value(Input input, JsonNode request) {
        JsonNode given = request == null ? null : request.get(input.name());
        if (given == null || given.isNull()) {
            if (input.defaultValue() != null) {
                return TextNode.valueOf(input.defaultValue());
            }
            if (input.required()) {
                throw new InvalidRequestException(input.name(), "'" + input.name() + "' is required");
            }
            return NullNode.getInstance();
        }
        String name = input.name();
        return switch (input.type()) {
            case INTEGER -> IntNode.valueOf(RequestFields.optionalInt(request, name, 0,
                    input.min() == null ? Integer.MIN_VALUE : input.min(),
                    input.max() == null ? Integer.MAX_VALUE : input.max()));
            case ID_NUMBER -> TextNode.valueOf(RequestFields.requiredIdNumber(request, name));
            case CREDIT_CODE -> {
                String code = RequestFields.requiredText(request, name, 18);
                if (!UnifiedSocialCreditCode.isValid(code)) {
                    throw new InvalidRequestException(name,
                            "'" + name + "' is not a valid unified social credit code (统一社会信用代码)");
                }
                yield TextNode.valueOf(code);
            }
            case MONTH -> {
                try {
                    yield TextNode.valueOf(YearMonth.parse(RequestFields.requiredText(request, name, 7))
                            .format(input.departmentFormat()));
                } catch (DateTimeParseException e) {
                    throw new InvalidRequestException(name, "'" + name + "' must be a month as yyyy-MM");
                }
            }
            case DATE -> {
                try {
                    yield TextNode.valueOf(LocalDate.parse(RequestFields.requiredText(request, name, 10))
                            .format(input.departmentFormat()));
                } catch (DateTimeParseException e) {
                    throw new InvalidRequestException(name, "'" + name + "' must be a date as yyyy-MM-dd");
                }
            }
            case TEXT, CODE -> {
                String text = RequestFields.requiredText(request, name, input.maxLength());
                if (input.pattern() != null && !input.pattern().matcher(text).matches()) {
                    throw new InvalidRequestException(name, "'" + name + "' does not have the expected form");
                }
                yield TextNode.valueOf(text);
            }
        };
    }

    private enum Escape { PATH, QUERY, XML }

    private static String replace(String template, Map<String, JsonNode> values, Escape escape) {
        Matcher m = DescriptorParser.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = values.get(m.group(1));
            String text = value == null || value.isNull() ? "" : value.asText();
            m.appendReplacement(out, Matcher.quoteReplacement(switch (escape) {
                case PATH -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
                case QUERY -> URLEncoder.encode(text, StandardCharsets.UTF_8);
                case XML -> xml(text);
            }));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static ObjectNode fill(ObjectNode node, Map<String, JsonNode> values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                fill((ObjectNode) value, values);
            } else if (value.isTextual()) {
                Matcher m = DescriptorParser.PLACEHOLDER.matcher(value.asText());
                if (m.matches()) {
                    entry.setValue(values.get(m.group(1)));
                }
            }
        }
        return node;
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static ObjectNode parse(String template) {
        try {
            return (ObjectNode) JSON.readTree(template);
        } catch (Exception e) {
            throw new IllegalStateException("body template was checked when the descriptor was read", e);
        }
    }
}
