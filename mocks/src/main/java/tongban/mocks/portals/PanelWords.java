package tongban.mocks.portals;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
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

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("name", "姓名"), Map.entry("sex", "性别"), Map.entry("ethnicity", "民族"),
            Map.entry("birthDate", "出生日期"), Map.entry("registeredAddress", "户籍地址"),
            Map.entry("householdNumber", "户号"), Map.entry("headOfHousehold", "户主"),
            Map.entry("relationToHead", "与户主关系"),
            Map.entry("certificateNo", "完税证明号"), Map.entry("taxpayerName", "纳税人名称"),
            Map.entry("fromMonth", "起始月份"), Map.entry("toMonth", "终止月份"), Map.entry("total", "合计（元）"),
            Map.entry("payments", "缴税明细"), Map.entry("taxType", "税种"), Map.entry("period", "所属期"),
            Map.entry("amount", "金额（元）"), Map.entry("paidOn", "入库日期"),
            Map.entry("personalNo", "个人编号"), Map.entry("employer", "参保单位"), Map.entry("months", "缴费明细"),
            Map.entry("month", "月份"), Map.entry("insuranceType", "险种"), Map.entry("base", "缴费基数"),
            Map.entry("employerAmount", "单位缴费"), Map.entry("personalAmount", "个人缴费"), Map.entry("paid", "已缴"),
            Map.entry("result", "核验结果"), Map.entry("description", "说明"));

    private static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("PENSION", "养老保险"), Map.entry("UNEMPLOYMENT", "失业保险"), Map.entry("MEDICAL", "医疗保险"),
            Map.entry("WORK_INJURY", "工伤保险"), Map.entry("MATERNITY", "生育保险"), Map.entry("MATCH", "一致"),
            Map.entry("MISMATCH", "不一致"), Map.entry("NOT_FOUND", "库中无此号"), Map.entry("true", "是"),
            Map.entry("false", "否"));

    private PanelWords() {
    }

    static List<Row> rows(JsonNode data) {
        List<Row> rows = new ArrayList<>();
        add(rows, "", data);
        return rows;
    }

    private static void add(List<Row> rows, String prefix, JsonNode node) {
        node.fields().forEachRemaining(field -> {
            String label = prefix + LABELS.getOrDefault(field.getKey(), field.getKey());
            JsonNode value = field.getValue();
            if (value.isArray()) {
                int i = 1;
                for (JsonNode item : value) {
                    add(rows, label + " " + i++ + " · ", item);
                }
            } else if (value.isObject()) {
                add(rows, label + " · ", value);
            } else if (!value.isNull()) {
                rows.add(new Row(label, VALUES.getOrDefault(value.asText(), value.asText())));
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
