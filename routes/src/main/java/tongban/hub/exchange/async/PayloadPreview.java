package tongban.hub.exchange.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import tongban.adapters.support.ResidentIdNumber;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A dead letter's payload as an operator may see it: shape and fields kept, personal data masked — resident id
 * numbers ({@code 4601**********1230}), names ({@code 张*}), mobile numbers ({@code 138****5678}) — and cut short.
 */
final class PayloadPreview {

    static final int MAX_CHARS = 600;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID_NUMBER = Pattern.compile("\\b\\d{17}[\\dXx]\\b");
    private static final Pattern NOT_A_PERSON = Pattern.compile("company|enterprise|project|unit");
    private static final Pattern MOBILE = Pattern.compile("\\b1[3-9]\\d{9}\\b");

    private PayloadPreview() {
    }

    static String of(String payload) {
        if (payload == null) {
            return "";
        }
        String masked;
        try {
            JsonNode tree = JSON.readTree(payload);
            masked = tree == null ? maskText(payload) : JSON.writeValueAsString(mask(null, tree));
        } catch (IOException notJson) {
            masked = maskText(payload);
        }
        return masked.length() <= MAX_CHARS ? masked : masked.substring(0, MAX_CHARS) + "…";
    }

    private static JsonNode mask(String field, JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            node.fields().forEachRemaining(fields::add);
            fields.forEach(e -> copy.set(e.getKey(), mask(e.getKey(), e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(mask(field, item)));
            return copy;
        }
        if (node.isTextual()) {
            String text = node.asText();
            if (field != null && isNameField(field) && !text.isEmpty()) {
                return TextNode.valueOf(text.substring(0, 1) + "*".repeat(Math.max(1, text.length() - 1)));
            }
            return TextNode.valueOf(maskText(text));
        }
        return node;
    }

    /** A person's name in our words or the departments' (姓名, 金保 aac003) — not an enterprise's or a project's. */
    private static boolean isNameField(String field) {
        String f = field.toLowerCase();
        if (f.equals("姓名") || f.equals("aac003")) {
            return true;
        }
        return f.endsWith("name") && !NOT_A_PERSON.matcher(f).find();
    }

    private static String maskText(String text) {
        String ids = ID_NUMBER.matcher(text).replaceAll(m -> ResidentIdNumber.mask(m.group()));
        return MOBILE.matcher(ids).replaceAll(m -> m.group().substring(0, 3) + "****" + m.group().substring(7));
    }
}
