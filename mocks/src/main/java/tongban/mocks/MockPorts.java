package tongban.mocks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each mock department listens in the demo: {@code port-base} (8181) plus the offset its folder declares
 * ({@code mock.port-offset} in its {@code demo-settings.properties}), so adding a department moves no one else's port —
 * bookmarks, the hub's settings and the portals' registered addresses stay put. Offsets 0–9 are the first
 * departments', 10–19 the portals' (never a department's); a new department declares the next free one from 20 on
 * ({@code ./tongban new-department} drafts it). A department that declares none still runs, on the first offset from
 * 20 no one declares, in name order — which moves when another undeclared one is added, so the demo says so. Two
 * departments declaring one offset is a mistake named at start. {@code ./tongban} applies the same rule.
 */
public final class MockPorts {

    public static final int DEFAULT_BASE = 8181;
    public static final String OFFSET_SETTING = "mock.port-offset";
    static final int FIRST_FREE = 20;

    private MockPorts() {
    }

    /** Each department's offset from the base, in name order. */
    public static Map<String, Integer> offsets(List<String> departments) {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        Map<Integer, String> taken = new LinkedHashMap<>();
        for (String department : departments) {
            String declared = MockDepartment.demoSettings(department).get(OFFSET_SETTING);
            if (declared == null) {
                continue;
            }
            int offset = parse(department, declared);
            String other = taken.putIfAbsent(offset, department);
            if (other != null) {
                throw new IllegalStateException("mocks/" + other + " and mocks/" + department + " both declare "
                        + OFFSET_SETTING + "=" + offset + "; give one of them a free offset");
            }
            offsets.put(department, offset);
        }
        int next = FIRST_FREE;
        for (String department : departments) {
            if (!offsets.containsKey(department)) {
                while (taken.containsKey(next)) {
                    next++;
                }
                taken.put(next, department);
                offsets.put(department, next);
            }
        }
        Map<String, Integer> inOrder = new LinkedHashMap<>();
        departments.forEach(d -> inOrder.put(d, offsets.get(d)));
        return inOrder;
    }

    /** Whether the department declares its offset (else its port may move when another undeclared one is added). */
    public static boolean declared(String department) {
        return MockDepartment.demoSettings(department).containsKey(OFFSET_SETTING);
    }

    private static int parse(String department, String declared) {
        int offset;
        try {
            offset = Integer.parseInt(declared.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("mocks/" + department + ": " + OFFSET_SETTING + " must be a number, not '"
                    + declared + "'");
        }
        if (offset < 0 || (offset >= 10 && offset < FIRST_FREE) || offset > 99) {
            throw new IllegalStateException("mocks/" + department + ": " + OFFSET_SETTING + "=" + offset
                    + " is outside 0–9 and 20–99 (10–19 are the portals')");
        }
        return offset;
    }
}
