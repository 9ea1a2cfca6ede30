package tongban.adapters.support.descriptor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.DepartmentException.Kind;
import tongban.adapters.support.InvalidRequestException;
import tongban.adapters.support.descriptor.AdapterDescriptor.Format;
import tongban.adapters.support.descriptor.AdapterDescriptor.OutputField;
import tongban.adapters.support.descriptor.AdapterDescriptor.Result;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * Reads a described department's answer: its HTTP status, then its own result code inside a 2xx body, then the
 * fields of the canonical answer. Anything the department did wrong becomes a {@link DepartmentException} of the
 * right kind; the department's own code is kept for the log but its wording never reaches the caller.
 */
final class ResponseMapper {

    /**
     * Numbers as the department wrote them: {@code 8000.00} stays 8000.00 (a double would make it 8000.0 and lose
     * what an amount's scale says), and a {@code decimal} output keeps that scale (see {@link #value}).
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final Set<String> TRUE = Set.of("1", "true", "Y", "y", "是");
    private static final Set<String> FALSE = Set.of("0", "false", "N", "n", "否");
    /** Department systems write local times without a zone: Beijing time. */
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final AdapterDescriptor descriptor;
    private final List<OutputField> output;

    ResponseMapper(AdapterDescriptor descriptor, List<OutputField> output) {
        this.descriptor = descriptor;
        this.output = output;
    }

    /**
     * @param gatewayError an error the department's API gateway put in a header (e.g. {@code X-Ca-Error-Message}),
     *                     or null
     */
    JsonNode map(int status, Charset bodyCharset, byte[] body, String gatewayError) {
        JsonNode document = status >= 200 && status < 300 ? parse(bodyCharset, body) : null;
        if (document == null) {
            Kind kind = descriptor.statusKinds().getOrDefault(status, defaultKind(status));
            String code = gatewayError != null ? gatewayError : "HTTP " + status;
            throw fail(kind, code, "answered HTTP " + status + (gatewayError == null ? "" : " (" + gatewayError + ")"));
        }
        Result result = descriptor.result();
        if (result.codePointer() != null) {
            String code = document.at(result.codePointer()).asText("");
            if (result.notFound().contains(code)) {
                throw fail(Kind.RECORD_NOT_FOUND, code, "has no such record");
            }
            if (result.unavailable().contains(code)) {
                throw fail(Kind.UNAVAILABLE, code, "says it is unavailable");
            }
            String message = result.messagePointer() == null ? "" : document.at(result.messagePointer()).asText("");
            if (result.refused().contains(code)) {
                throw new DepartmentException(Kind.REFUSED, descriptor.department(), code,
                        descriptor.department() + " refused the request with '" + code + "' " + message,
                        message.isBlank() ? null : message, null);
            }
            if (!result.ok().contains(code)) {
                throw fail(Kind.ERROR, code.isEmpty() ? null : code, "answered error '" + code + "' " + message);
            }
        }
        JsonNode data = result.dataPointer().isEmpty() ? document : document.at(result.dataPointer());
        if (!data.isObject()) {
            throw fail(Kind.ERROR, null, "answered without the data at " + result.dataPointer());
        }
        return fields(data, output);
    }

    /**
     * Reads a department's notice (a callback body) into canonical fields.
     *
     * @throws tongban.adapters.support.InvalidRequestException if a field cannot be read
     */
    ObjectNode notice(JsonNode body) {
        try {
            return fields(body, output);
        } catch (DepartmentException e) {
            throw new InvalidRequestException(null, e.getMessage());
        }
    }

    private ObjectNode fields(JsonNode data, List<OutputField> fields) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (OutputField field : fields) {
            out.set(field.name(), value(field, data.at(field.from())));
        }
        return out;
    }

    private JsonNode value(OutputField field, JsonNode node) {
        if (field.type() == AdapterDescriptor.ValueType.LIST) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            if (node.isArray()) {
                node.forEach(element -> list.add(fields(element, field.items())));
            } else if (node.isObject()) {
                list.add(fields(node, field.items())); // one XML element where a list may hold several
            }
            return list;
        }
        if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return NullNode.getInstance();
        }
        if (!node.isValueNode()) {
            throw fail(Kind.ERROR, null, "sent a structure where '" + field.name() + "' expects a value");
        }
        String text = node.asText().strip();
        String mapped = text;
        if (!field.codes().isEmpty()) {
            mapped = field.codes().get(text);
            if (mapped == null && field.other() == null) {
                throw fail(Kind.ERROR, null, "sent code '" + cut(text) + "' in '" + field.name()
                        + "', which its descriptor does not list (codes:, or other: for the rest)");
            }
            mapped = mapped == null ? field.other() : mapped;
        }
        try {
            return switch (field.type()) {
                case TEXT -> TextNode.valueOf(mapped);
                case INTEGER -> IntNode.valueOf(Integer.parseInt(mapped));
                case DECIMAL -> DecimalNode.valueOf(new BigDecimal(mapped.replace(",", "")));
                case BOOLEAN -> {
                    if (TRUE.contains(mapped)) {
                        yield BooleanNode.TRUE;
                    }
                    if (FALSE.contains(mapped)) {
                        yield BooleanNode.FALSE;
                    }
                    throw new NumberFormatException(mapped);
                }
                case DATE -> TextNode.valueOf(LocalDate.from(field.departmentFormat().parse(mapped)).toString());
                case MONTH -> TextNode.valueOf(YearMonth.from(field.departmentFormat().parse(mapped)).toString());
                case DATETIME -> TextNode.valueOf(LocalDateTime.from(field.departmentFormat().parse(mapped))
                        .atZone(BEIJING).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                case LIST -> throw new IllegalStateException("lists are mapped above");
            };
        } catch (NumberFormatException | DateTimeException e) {
            throw fail(Kind.ERROR, null, "sent an unreadable " + field.type().name().toLowerCase()
                    + " in '" + field.name() + "'");
        }
    }

    private JsonNode parse(Charset charset, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return descriptor.format() == Format.XML ? XmlTree.parse(new String(body, charset)) : JSON.readTree(
                    new String(body, charset));
        } catch (Exception e) {
            return null; // an HTML error page from a proxy, say: reported by status below
        }
    }

    private static String cut(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static Kind defaultKind(int status) {
        return switch (status) {
            case 401, 403 -> Kind.AUTH_FAILED;
            case 502, 503 -> Kind.UNAVAILABLE;
            case 504 -> Kind.TIMEOUT;
            default -> Kind.ERROR;
        };
    }

    private DepartmentException fail(Kind kind, String code, String message) {
        return new DepartmentException(kind, descriptor.department(), code, descriptor.department() + " " + message);
    }
}
