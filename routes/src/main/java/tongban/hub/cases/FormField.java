package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import tongban.adapters.support.ResidentIdNumber;
import tongban.adapters.support.UnifiedSocialCreditCode;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of an application form, as an item file declares it ({@code label}, {@code type}: text, integer, choice,
 * id-number, credit-code, code with a {@code pattern}; {@code max-length}, {@code min}, {@code max}).
 *
 * @param choices for a choice: value → the words the applicant sees, in order
 */
public record FormField(String name, String label, String type, Map<String, String> choices, int maxLength,
                        Long min, Long max, Pattern pattern) {

    static final Set<String> TYPES = Set.of("text", "integer", "choice", "id-number",
            "credit-code", "code");

    /**
     * The applicant's value, checked.
     *
     * @return the value to keep (text, or a number for an integer)
     * @throws CaseFailure 400 naming the field by its label when the value will not do
     */
    JsonNode check(JsonNode value) {
        if (value == null || value.isNull() || value.asText("").isBlank()) {
            throw CaseFailure.invalid("请填写「" + label + "」", name + " is required");
        }
        String text = value.asText().strip();
        switch (type) {
            case "integer" -> {
                long number;
                try {
                    number = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw CaseFailure.invalid("「" + label + "」应为整数", name + " must be a whole number");
                }
                if ((min != null && number < min) || (max != null && number > max)) {
                    throw CaseFailure.invalid("「" + label + "」应在 " + min + " 至 " + max + " 之间",
                            name + " must be between " + min + " and " + max);
                }
                return JsonNodeFactory.instance.numberNode(number);
            }
            case "choice" -> {
                if (!choices.containsKey(text)) {
                    throw CaseFailure.invalid("「" + label + "」请从列表中选择", name + " must be one of " + choices.keySet());
                }
            }
            case "id-number" -> {
                if (!ResidentIdNumber.isValid(text)) {
                    throw CaseFailure.invalid("「" + label + "」不是有效的身份证号码",
                            name + " must be a valid 18-character resident id number");
                }
            }
            case "credit-code" -> {
                if (!UnifiedSocialCreditCode.isValid(text)) {
                    throw CaseFailure.invalid("「" + label + "」不是有效的统一社会信用代码",
                            name + " must be a valid unified social credit code");
                }
            }
            case "code" -> {
                if (pattern != null && !pattern.matcher(text).matches()) {
                    throw CaseFailure.invalid("「" + label + "」格式不正确", name + " must match " + pattern);
                }
            }
            default -> { }
        }
        if (text.length() > maxLength || text.chars().anyMatch(c -> c < 0x20)) {
            throw CaseFailure.invalid("「" + label + "」过长或含有不可见字符",
                    name + " must be at most " + maxLength + " printable characters");
        }
        return JsonNodeFactory.instance.textNode(text);
    }
}
