package tongban.hub.ratings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheme's indicators, each rated 1..5 beside the overall level: a service delivered online is rated on its
 * efficiency, the accuracy of its service guide, its convenience and the platform's ease of use; a service delivered
 * at a window on its efficiency, the staff's service level and their attitude.
 */
public final class Indicators {

    public static final Map<String, String> ONLINE = ordered("efficiency", "办事效率", "guideAccuracy", "办事指南准确性",
            "convenience", "办事便捷度", "platformEase", "平台易用性");
    public static final Map<String, String> WINDOW = ordered("efficiency", "办事效率", "serviceLevel", "服务水平",
            "attitude", "服务态度");

    private Indicators() {
    }

    /** The indicators for a case taken in at a window ({@code WINDOW}) or any other way. */
    public static Map<String, String> forChannel(String caseChannel) {
        return "WINDOW".equals(caseChannel) ? WINDOW : ONLINE;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
