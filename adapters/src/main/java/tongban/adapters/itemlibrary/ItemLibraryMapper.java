package tongban.adapters.itemlibrary;

import com.fasterxml.jackson.databind.JsonNode;
import tongban.adapters.support.DepartmentException;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps the item library's own JSON (pinyin abbreviations, error codes inside an HTTP 200 body) to
 * {@link ServiceItem}. Field glossary: jbbm 基本编码 · ssbm 实施编码 · sxmc 事项名称 · sxlx 事项类型 ·
 * ssjgmc 实施机构名称 · fdbjsx/cnbjsx 法定/承诺办结时限 · dxccs 到现场次数 · sqcl 申请材料
 * (clmc 材料名称 · clxs 材料形式 · fs 份数 · sfbx 是否必须) · gxsj 更新时间.
 */
final class ItemLibraryMapper {

    static final String DEPARTMENT = "item-library";

    private ItemLibraryMapper() {
    }

    static ServiceItem.Page toPage(int httpStatus, JsonNode body) {
        JsonNode data = payload(httpStatus, body);
        List<ServiceItem.Summary> items = new ArrayList<>();
        for (JsonNode row : data.path("rows")) {
            items.add(new ServiceItem.Summary(text(row, "jbbm"), text(row, "ssbm"), text(row, "sxmc"),
                    text(row, "sxlx"), text(row, "ssjgmc"), text(row, "gxsj")));
        }
        return new ServiceItem.Page(data.path("pageNo").asInt(), data.path("pageSize").asInt(),
                data.path("total").asLong(), List.copyOf(items));
    }

    static ServiceItem toItem(int httpStatus, JsonNode body) {
        JsonNode data = payload(httpStatus, body);
        List<ServiceItem.Material> materials = new ArrayList<>();
        for (JsonNode m : data.path("sqcl")) {
            materials.add(new ServiceItem.Material(text(m, "clmc"), text(m, "clxs"),
                    m.path("fs").asInt(1), "1".equals(m.path("sfbx").asText("1"))));
        }
        return new ServiceItem(text(data, "jbbm"), text(data, "ssbm"), text(data, "sxmc"), text(data, "sxlx"),
                text(data, "ssjgmc"), days(data.path("fdbjsx")), days(data.path("cnbjsx")),
                data.hasNonNull("dxccs") ? data.get("dxccs").asInt() : null,
                List.copyOf(materials), text(data, "gxsj"));
    }

    /** The library answers 200 with {@code {"code":"200","msg":…,"data":…}}; anything else is its error. */
    private static JsonNode payload(int httpStatus, JsonNode body) {
        if (httpStatus == 503) {
            throw new DepartmentException(DepartmentException.Kind.UNAVAILABLE, DEPARTMENT, "HTTP 503",
                    "item library is unavailable");
        }
        if (httpStatus != 200 || body == null || !body.isObject()) {
            throw new DepartmentException(DepartmentException.Kind.ERROR, DEPARTMENT, "HTTP " + httpStatus,
                    "item library answered HTTP " + httpStatus);
        }
        String code = body.path("code").asText();
        if ("404".equals(code)) {
            throw new DepartmentException(DepartmentException.Kind.RECORD_NOT_FOUND, DEPARTMENT, code,
                    "item library has no such item");
        }
        if (!"200".equals(code) || !body.path("data").isObject()) {
            throw new DepartmentException(DepartmentException.Kind.ERROR, DEPARTMENT, code,
                    "item library error " + code + ": " + body.path("msg").asText());
        }
        return body.get("data");
    }

    /** Time limits come as strings of working days; 即办 means on the spot (0), blank means not stated. */
    static Integer days(JsonNode value) {
        String text = value.asText("").strip();
        if (text.isEmpty()) {
            return null;
        }
        if ("即办".equals(text)) {
            return 0;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new DepartmentException(DepartmentException.Kind.ERROR, DEPARTMENT, null,
                    "item library sent an unreadable time limit: " + text);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
