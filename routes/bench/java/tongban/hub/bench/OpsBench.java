package tongban.hub.bench;

import tongban.sso.login.HttpLogin;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations half of {@code ./tongban bench}, run after the exchange benchmark has filled the message log: signs
 * in to the ops console as an operator (through Keycloak, like a browser) and times its pages and the Prometheus
 * scrape, each {@code ROUNDS} times after a warm-up.
 * Usage: {@code OpsBench HUB_URL USER PASSWORD ROUNDS DEPARTMENT}; prints one {@code RESULT ops <name> <p50> <p95>}
 * line per page, in milliseconds.
 */
public final class OpsBench {

    private OpsBench() {
    }

    public static void main(String[] args) {
        String hub = args[0];
        HttpLogin.Credentials operator = new HttpLogin.Credentials(args[1], args[2], null);
        int rounds = Integer.parseInt(args[3]);
        String department = args[4];
        HttpLogin browser = new HttpLogin();
        String dashboard = browser.follow(URI.create(hub + "/ops"), operator, null).page();
        if (dashboard == null || !dashboard.contains("id=\"departments\"")) {
            throw new IllegalStateException("not signed in to the ops console");
        }
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("dashboard", "/ops");
        pages.put("dead-letters", "/ops/dead-letters/" + department);
        pages.put("log-newest", "/ops/message-log");
        pages.put("log-by-department", "/ops/message-log?department=" + department + "&outcome=OK");
        pages.put("log-by-request-id", "/ops/message-log?requestId=no-such-request");
        pages.put("prometheus", "/actuator/prometheus");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            URI uri = URI.create(hub + page.getValue());
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < rounds + 5; i++) {
                long started = System.nanoTime();
                String body = browser.follow(uri, null, null).page();
                long took = System.nanoTime() - started;
                if (body == null || body.isEmpty()) {
                    throw new IllegalStateException(page.getValue() + " answered nothing");
                }
                if (i >= 5) {
                    times.add(took);
                }
            }
            Collections.sort(times);
            System.out.printf("RESULT ops %s %.2f %.2f%n", page.getKey(), times.get(times.size() / 2) / 1e6,
                    times.get((int) Math.ceil(times.size() * 0.95) - 1) / 1e6);
        }
        System.exit(0);
    }
}
