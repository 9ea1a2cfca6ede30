package tongban.mocks;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code ./tongban notice <department>/<notice>}: sends a running hub one of the demo notices kept beside a mock
 * department's stubs, as that department's own system would — with its own client-credentials token (the DEMO ONLY
 * secret of its {@code demo-settings.properties}). The notices are in the department folder's
 * {@code demo-notices.properties}: {@code <notice>.client}, {@code <notice>.body} and, when the notice is not named
 * after its callback, {@code <notice>.callback}; in the body {@code {{case}}} is a
 * serial made of the time, and {@code {{uuid}}}, {@code {{now:<pattern>}}} as for the back office.
 * Usage: {@code DemoNotice DEPARTMENT/NOTICE ISSUER HUB_URL}.
 */
public final class DemoNotice {

    private DemoNotice() {
    }

    public static void main(String[] args) {
        String[] what = args[0].split("/", 2);
        if (what.length != 2) {
            throw new IllegalArgumentException("name the notice as <department>/<notice> (mocks/<department>/demo-notices.properties)");
        }
        String department = what[0];
        Map<String, String> notices = MockDepartment.properties(department, "demo-notices.properties");
        String client = notices.get(what[1] + ".client");
        String body = notices.get(what[1] + ".body");
        String callback = department + "/" + notices.getOrDefault(what[1] + ".callback", what[1]);
        String secret = MockDepartment.demoSettings(department).get("mock.back-office.client-secret");
        if (client == null || body == null || secret == null) {
            System.err.println("mocks/" + department + " has no demo notice '" + what[1] + "' (demo-notices.properties"
                    + " with " + what[1] + ".client and .body, and mock.back-office.client-secret in demo-settings)");
            System.exit(2);
        }
        String serial = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        String filled = DepartmentBackOffice.fill(body, serial);
        int status = new DepartmentBackOffice(department, secret, args[1], args[2]).send(callback, client, filled);
        System.out.println(filled);
        System.exit(status >= 200 && status < 300 ? 0 : 1);
    }
}
