package tongban.hub.bench;

import tongban.sso.login.HttpLogin;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The single-sign-on half of {@code ./tongban bench}: a browser's HTTP traffic (cookies, redirects, the login form),
 * without rendering. Measures, in one run:
 * <ul>
 *   <li>Keycloak's bare authorization-code round trip for a signed-in user (authorize with the SSO cookie → code →
 *   token), the baseline;</li>
 *   <li>a first visit to a department portal up to its signed-in page, password included;</li>
 *   <li>the hop from a signed-in portal to another one (new portal session, no password), up to its signed-in page;
 *   then, apart, the service panel that page loads from the hub.</li>
 * </ul>
 * Usage: {@code SsoBench ISSUER USER PASSWORD ROUNDS PORTAL_URL…}; prints medians and the hop ÷ baseline ratio.
 */
public final class SsoBench {

    /**
     * Rounds not counted ({@code -Dbench.sso.warm-up}, ./tongban bench gives 300): the stack has just started when this
     * runs (on purpose, before any load), and Keycloak's and the portals' code paths are compiled as the logins come.
     */
    private static final int WARM_UP = Integer.getInteger("bench.sso.warm-up", 10);

    private final HttpLogin login = new HttpLogin();

    private SsoBench() {
    }

    public static void main(String[] args) throws Exception {
        String issuer = args[0];
        String user = args[1];
        String password = args[2];
        int rounds = Integer.parseInt(args[3]);
        List<String> portals = List.of(args).subList(4, args.length);
        SsoBench bench = new SsoBench();
        List<Long> firstVisits = new ArrayList<>();
        List<Long> hops = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        List<Long> panels = new ArrayList<>();
        for (int round = 0; round < rounds + WARM_UP; round++) {
            bench.login.forgetAllCookies();
            long started = System.nanoTime();
            String page = bench.visit(portals.get(0), user, password);
            long firstVisit = System.nanoTime() - started;
            check(page, portals.get(0));
            for (String portal : portals.subList(1, portals.size())) {
                bench.forgetPortalSessions(); // a browser that has no session at this portal yet: not part of the hop
                started = System.nanoTime();
                check(bench.visit(portal, null, null), portal);
                long hop = System.nanoTime() - started;
                // the page's service panel, which it loads from the hub once it is shown
                started = System.nanoTime();
                String panel = bench.login.follow(URI.create(portal + "service"), null, null).page();
                long service = System.nanoTime() - started;
                if (panel == null || !panel.contains("id=\"service-")) {
                    throw new IllegalStateException(portal + "service did not answer with the service panel");
                }
                if (round >= WARM_UP) {
                    hops.add(hop);
                    panels.add(service);
                }
            }
            started = System.nanoTime();
            bench.bareRoundTrip(issuer);
            long baseline = System.nanoTime() - started;
            if (round >= WARM_UP) {
                firstVisits.add(firstVisit);
                bare.add(baseline);
            }
        }
        double bareMs = median(bare);
        double hopMs = median(hops);
        System.out.printf("RESULT sso %.2f %.2f %.2f %.2f %.2f%n", bareMs, median(firstVisits), hopMs, hopMs / bareMs,
                median(panels));
        System.exit(0);
    }

    /** A hop is to a portal where this browser has no session yet: drops the portals' cookies, keeps Keycloak's. */
    private void forgetPortalSessions() {
        login.forgetCookies(cookie -> cookie.getName().startsWith("PORTAL_") || cookie.getName().equals("JSESSIONID"));
    }

    /** Opens a portal and follows it through Keycloak; signs in with the password only if Keycloak asks. */
    private String visit(String portal, String user, String password) {
        return login.follow(URI.create(portal), user == null ? null : new HttpLogin.Credentials(user, password, null),
                null).page();
    }

    /** Authorize with the SSO cookie (no form) and redeem the code: what any portal hop costs at Keycloak itself. */
    private void bareRoundTrip(String issuer) {
        String client = "portal-public-security";
        login.authorizationCode(issuer, client, "demo-only-" + client + "-secret", redirectOf(client), "", null);
    }

    private static String redirectOf(String client) {
        String base = System.getProperty("bench." + client + ".url", "http://localhost:8193");
        return base + "/login/oauth2/code/keycloak";
    }

    private static void check(String page, String portal) {
        if (!page.contains("id=\"name\"")) {
            throw new IllegalStateException(portal + " did not show the signed-in page");
        }
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
