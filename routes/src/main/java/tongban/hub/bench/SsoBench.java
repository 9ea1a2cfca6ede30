package tongban.hub.bench;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single-sign-on half of {@code ./tongban bench}: a browser's HTTP traffic (cookies, redirects, the login form),
 * without rendering. Measures, in one run:
 * <ul>
 *   <li>Keycloak's bare authorization-code round trip for a signed-in user (authorize with the SSO cookie → code →
 *   token), the baseline;</li>
 *   <li>a first visit to a department portal up to its signed-in page, password included;</li>
 *   <li>the hop from a signed-in portal to another one (new portal session, no password).</li>
 * </ul>
 * Usage: {@code SsoBench ISSUER USER PASSWORD ROUNDS PORTAL_URL…}; prints medians and the hop ÷ baseline ratio.
 */
public final class SsoBench {

    private static final Pattern LOGIN_FORM = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"");

    private final CookieManager cookies = new LocalhostCookies();
    // HTTP/1.1 as a browser speaks to these servers (the JDK's h2c upgrade attempt can stall on them)
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

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
        for (int round = 0; round < rounds + 2; round++) { // two warm-up rounds
            bench.cookies.getCookieStore().removeAll();
            long started = System.nanoTime();
            String page = bench.visit(portals.get(0), user, password);
            long firstVisit = System.nanoTime() - started;
            check(page, portals.get(0));
            for (String portal : portals.subList(1, portals.size())) {
                started = System.nanoTime();
                check(bench.visit(portal, null, null), portal);
                long hop = System.nanoTime() - started;
                if (round >= 2) {
                    hops.add(hop);
                }
            }
            started = System.nanoTime();
            bench.bareRoundTrip(issuer);
            long baseline = System.nanoTime() - started;
            if (round >= 2) {
                firstVisits.add(firstVisit);
                bare.add(baseline);
            }
        }
        double bareMs = median(bare);
        double hopMs = median(hops);
        System.out.printf("RESULT sso %.2f %.2f %.2f %.2f%n", bareMs, median(firstVisits), hopMs, hopMs / bareMs);
        System.exit(0);
    }

    /** Opens a portal and follows it through Keycloak; signs in with the password only if Keycloak asks. */
    private String visit(String portal, String user, String password) throws Exception {
        forgetPortalSessions();
        URI next = URI.create(portal);
        for (int step = 0; step < 20; step++) {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(next).timeout(java.time.Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(next + ": " + e, e);
            }
            if (response.statusCode() / 100 == 3) {
                next = next.resolve(response.headers().firstValue("Location").orElseThrow());
                continue;
            }
            String body = response.body();
            String action = match(body);
            if (action == null) {
                return body;
            }
            if (user == null) {
                throw new IllegalStateException("asked for a password again at " + next);
            }
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(next.resolve(action.replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() / 100 != 3) {
                throw new IllegalStateException("login refused: HTTP " + posted.statusCode());
            }
            next = next.resolve(posted.headers().firstValue("Location").orElseThrow());
            user = null;
        }
        throw new IllegalStateException("too many redirects from " + portal);
    }

    /** Authorize with the SSO cookie (no form) and redeem the code: what any portal hop costs at Keycloak itself. */
    private void bareRoundTrip(String issuer) throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String client = "portal-public-security";
        String redirect = redirectOf(client);
        HttpResponse<String> authorized = http.send(HttpRequest.newBuilder(URI.create(issuer
                + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id=" + client + "&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&state=bench&code_challenge=" + challenge
                + "&code_challenge_method=S256")).build(), HttpResponse.BodyHandlers.ofString());
        String location = authorized.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("no SSO session for the baseline: HTTP " + authorized.statusCode()));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new IllegalStateException("no code in " + location);
        }
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=" + client
                        + "&client_secret=demo-only-" + client + "-secret&code=" + code.group(1) + "&redirect_uri="
                        + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_verifier=" + verifier))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("code not redeemed: " + token.body());
        }
    }

    /**
     * Browsers treat {@code http://localhost} as a secure context and send Keycloak's {@code Secure} cookies there;
     * the JDK's cookie manager does not, so for localhost it is asked as if the request were https.
     */
    private static final class LocalhostCookies extends CookieManager {
        @Override
        public java.util.Map<String, List<String>> get(URI uri, java.util.Map<String, List<String>> headers)
                throws java.io.IOException {
            if ("http".equals(uri.getScheme()) && "localhost".equals(uri.getHost())) {
                uri = URI.create("https" + uri.toString().substring(4));
            }
            return super.get(uri, headers);
        }
    }

    private static String redirectOf(String client) {
        String base = System.getProperty("bench." + client + ".url", "http://localhost:8193");
        return base + "/login/oauth2/code/keycloak";
    }

    /** A hop is to a portal where this browser has no session yet: drop the portals' cookies, keep Keycloak's. */
    private void forgetPortalSessions() {
        for (HttpCookie cookie : new ArrayList<>(cookies.getCookieStore().getCookies())) {
            if (cookie.getName().startsWith("PORTAL_") || cookie.getName().equals("JSESSIONID")) {
                cookies.getCookieStore().getURIs().forEach(uri -> cookies.getCookieStore().remove(uri, cookie));
            }
        }
    }

    private static String match(String body) {
        Matcher m = LOGIN_FORM.matcher(body);
        if (m.find()) {
            return m.group(1);
        }
        m = FORM_ACTION.matcher(body);
        return m.find() ? m.group(1) : null;
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
