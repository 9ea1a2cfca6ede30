package tongban.sso.login;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's HTTP traffic through Keycloak's sign-in, without rendering: cookies (Keycloak's {@code Secure} ones
 * included on {@code http://localhost}, as browsers do), redirects, the password form and the one-time-code form.
 * For the benchmark and for tests that need a sign-in at a real-name level without starting a browser.
 */
public final class HttpLogin {

    /** What to answer Keycloak's forms with; {@code oneTimeCode} may be null when no step-up is expected. */
    public record Credentials(String username, String password, Supplier<String> oneTimeCode) {
    }

    /** Where the walk ended: a redirect to the awaited location, or a page that is not one of Keycloak's forms. */
    public record Landing(URI location, String page) {
    }

    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");
    /** Keycloak's message next to a field ({@code input-error-<field>}) or at the top of the page. */
    private static final Pattern ERROR = Pattern.compile(
            "id=\"input-error-(?!container)[^\"]*\"[^>]*>(.{0,400}?)</(?:div|span)>|kc-feedback-text[^>]*>([^<]*)<",
            Pattern.DOTALL);

    private final CookieManager cookies = new LocalhostCookies();
    // HTTP/1.1 as a browser speaks to these servers (the JDK's h2c upgrade attempt can stall on them)
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * Opens {@code start} and follows redirects, filling in Keycloak's forms from {@code credentials} when asked.
     *
     * @param credentials null to fail if any form is shown (a hop that must not ask for a password)
     * @param stopAt      a location prefix to stop at without fetching it (a redirect URI nobody listens on), or null
     * @throws IllegalStateException when a form is asked for and cannot be answered, or is refused
     */
    public Landing follow(URI start, Credentials credentials, String stopAt) {
        URI next = start;
        HttpResponse<String> response = null; // a page Keycloak answered a form with, to read before fetching on
        boolean passwordSent = false;
        boolean codeSent = false;
        for (int step = 0; step < 20; step++) {
            if (response == null) {
                if (stopAt != null && next.toString().startsWith(stopAt)) {
                    return new Landing(next, null);
                }
                response = send(HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(20)).build());
            }
            if (response.statusCode() / 100 == 3) {
                next = next.resolve(location(response));
                response = null;
                continue;
            }
            String page = response.body();
            String passwordForm = formAction(page, "kc-form-login");
            String codeForm = formAction(page, "kc-otp-login-form");
            if (passwordForm == null && codeForm == null) {
                return new Landing(next, page);
            }
            if (credentials == null) {
                throw new IllegalStateException("asked to sign in again at " + next);
            }
            String form;
            if (passwordForm != null) {
                if (passwordSent) {
                    throw new IllegalStateException("password refused: " + error(page));
                }
                passwordSent = true;
                next = next.resolve(passwordForm);
                form = "username=" + encode(credentials.username()) + "&password=" + encode(credentials.password())
                        + "&credentialId=";
            } else {
                if (credentials.oneTimeCode() == null) {
                    throw new IllegalStateException("asked for a one-time code at " + next);
                }
                if (codeSent) {
                    throw new IllegalStateException("one-time code refused: " + error(page));
                }
                codeSent = true;
                next = next.resolve(codeForm);
                form = "otp=" + encode(credentials.oneTimeCode().get()) + "&login=";
            }
            response = send(HttpRequest.newBuilder(next).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        }
        throw new IllegalStateException("too many steps from " + start);
    }

    /**
     * The authorization-code flow with PKCE S256 as a client runs it: authorize at the issuer (answering Keycloak's
     * forms from {@code credentials}, or with the session cookie alone when they are null), take the code at the
     * redirect URI without fetching it, and redeem it.
     *
     * @param clientSecret    null for a public client
     * @param extraParameters appended to the authorization request as given, e.g. {@code &acr_values=3}
     * @return Keycloak's token response (JSON)
     */
    public String authorizationCode(String issuer, String clientId, String clientSecret, String redirectUri,
                                    String extraParameters, Credentials credentials) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String redirect = encode(redirectUri);
        URI landed = follow(URI.create(issuer + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + encode(clientId) + "&redirect_uri=" + redirect + "&state=" + random[0]
                + "&code_challenge=" + s256(verifier) + "&code_challenge_method=S256" + extraParameters),
                credentials, redirectUri).location();
        Matcher code = CODE.matcher(landed == null ? "" : landed.toString());
        if (!code.find()) {
            throw new IllegalStateException("no authorization code in " + landed);
        }
        return post(URI.create(issuer + "/protocol/openid-connect/token"), "grant_type=authorization_code&client_id="
                + encode(clientId) + (clientSecret == null ? "" : "&client_secret=" + encode(clientSecret))
                + "&code=" + code.group(1) + "&redirect_uri=" + redirect + "&code_verifier=" + verifier);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Posts a form to {@code uri} (a token endpoint) with this agent's cookies; returns the body of a 200. */
    public String post(URI uri, String form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Drops the cookies matching {@code which} (a portal's session), keeping the rest (Keycloak's). */
    public void forgetCookies(Predicate<HttpCookie> which) {
        for (HttpCookie cookie : new ArrayList<>(cookies.getCookieStore().getCookies())) {
            if (which.test(cookie)) {
                cookies.getCookieStore().getURIs().forEach(uri -> cookies.getCookieStore().remove(uri, cookie));
            }
        }
    }

    public void forgetAllCookies() {
        cookies.getCookieStore().removeAll();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("redirect without a Location from " + response.uri()));
    }

    /** The action of the form with this id, HTML entities in it undone; null when the page has no such form. */
    static String formAction(String page, String id) {
        if (page == null) {
            return null;
        }
        Matcher form = FORM.matcher(page);
        while (form.find()) {
            String tag = form.group();
            if (tag.contains("id=\"" + id + "\"")) {
                Matcher action = ACTION.matcher(tag);
                return action.find() ? action.group(1).replace("&amp;", "&") : null;
            }
        }
        return null;
    }

    private static String error(String page) {
        Matcher m = ERROR.matcher(page == null ? "" : page);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)).replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ").strip() : "(no message on the page)";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Browsers treat {@code http://localhost} as a secure context and send Keycloak's {@code Secure} cookies there;
     * the JDK's cookie manager does not, so for localhost it is asked as if the request were https.
     */
    private static final class LocalhostCookies extends CookieManager {
        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            if ("http".equals(uri.getScheme()) && "localhost".equals(uri.getHost())) {
                uri = URI.create("https" + uri.toString().substring(4));
            }
            return super.get(uri, headers);
        }
    }
}
