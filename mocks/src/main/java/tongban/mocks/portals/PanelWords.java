package tongban.mocks.portals;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a department portal's service panel says, in the citizen's words: the hub's canonical fields under Chinese
 * labels, coded values as words, and a refusal as what to do about it — never a field name or a problem code.
 */
public final class PanelWords {

    /** One line of the panel. */
    public record Row(String label, String value) {
    }

    /** Words any panel uses. */
    private static final Map<String, String> COMMON = Map.of("true", "是", "false", "否");

    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, String> values = new HashMap<>(COMMON);

    /**
     * @param portalFile the department's {@code portal.properties}: {@code label.<field>=…} names a canonical field,
     *                   {@code value.<code>=…} a coded value — the department's words live beside its stubs
     */
    PanelWords(Map<String, String> portalFile) {
        portalFile.forEach((key, words) -> {
            if (key.startsWith("label.")) {
                labels.put(key.substring("label.".length()), words);
            } else if (key.startsWith("value.")) {
                values.put(key.substring("value.".length()), words);
            }
        });
    }

    List<Row> rows(JsonNode data) {
        List<Row> rows = new ArrayList<>();
        add(rows, "", data);
        return rows;
    }

    private void add(List<Row> rows, String prefix, JsonNode node) {
        node.fields().forEachRemaining(field -> {
            String label = prefix + labels.getOrDefault(field.getKey(), field.getKey());
            JsonNode value = field.getValue();
            if (value.isArray()) {
                int i = 1;
                for (JsonNode item : value) {
                    add(rows, label + " " + i++ + " · ", item);
                }
            } else if (value.isObject()) {
                add(rows, label + " · ", value);
            } else if (!value.isNull()) {
                rows.add(new Row(label, values.getOrDefault(value.asText(), value.asText())));
            }
        });
    }

    /** Why the panel cannot show the service, and what the citizen can do. */
    static String problem(String code) {
        return switch (code) {
            case "REAL_NAME_LEVEL_TOO_LOW" -> "此项服务需要更高的实名认证等级，请先到政务服务大厅或通过人脸识别提升实名等级。";
            case "STEP_UP_REQUIRED" -> "此项服务需要更高等级的认证登录。";
            case "NOT_A_CITIZEN" -> "当前账号不是实名认证的个人账号，无法查询个人信息。";
            case "HUB_UNREACHABLE" -> "通办平台暂时无法访问，请稍后再试。";
            case "RECORD_NOT_FOUND" -> "部门系统中没有您的相关记录。";
            case "NO_ACCESS_RIGHT", "NOT_OWN_DATA" -> "本门户无权查询该信息。";
            default -> code.startsWith("DEPARTMENT_") || code.equals("CIRCUIT_OPEN")
                    ? "部门系统暂时无法答复，请稍后再试。" : "暂时无法查询，请稍后再试。";
        };
    }
}
