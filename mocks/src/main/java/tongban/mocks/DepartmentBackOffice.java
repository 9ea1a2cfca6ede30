package tongban.mocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A department's back office for the demo: after its intake stub took an application, it decides the application
 * the way the department would — accepted after a few seconds, approved a little later — and tells the hub through
 * the department's own callback, with a client-credentials token of the department's own Keycloak client (its DEMO
 * secret in {@code mock.back-office.client-secret} of the department's demo settings).
 *
 * <p>An intake stub names it in {@code serveEventListeners} ({@code "name": "department-back-office"}) with its
 * {@code callback} ({@code <department>/<name>}), its {@code client}, where the case number is in the request
 * ({@code caseNumber}: a regex over the body whose first group is the number) and its {@code notices}: each an
 * {@code after} ("4s") and a {@code body} in the department's words, where {@code {{case}}}, {@code {{uuid}}},
 * {@code {{now:<pattern>}}}, {@code {{caseTail:<n>}}} (the case number's last n characters: a carrier's waybill
 * made from the order number) and {@code {{creditCode}}} (a valid credit code made from the case number) are
 * filled in. Only active when {@code -Dtongban.back-office.enabled=true} ({@code ./tongban run}); tests decide
 * for the departments themselves. {@code -Dtongban.back-office.delay-scale=0} decides at once (the benchmark).
 */
public final class DepartmentBackOffice implements ServeEventListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(case|uuid|creditCode|caseTail:[0-9]+|now:[^}]+)}}");
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private final String department;
    private final String secret;
    private final String issuer;
    private final String hubUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** Applications are decided side by side, as a department's clerks would; one application's notices in order. */
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(8, r -> {
        Thread t = new Thread(r, "back-office");
        t.setDaemon(true);
        return t;
    });
    private volatile String token;
    private volatile long tokenUntil;

    DepartmentBackOffice(String department, String secret, String issuer, String hubUrl) {
        this.department = department;
        this.secret = secret;
        this.issuer = issuer;
        this.hubUrl = hubUrl;
    }

    /**
     * The department's back office: active when the demo asks for one and the department has a client secret;
     * otherwise present (its stubs name it) but deciding nothing.
     */
    static DepartmentBackOffice forDemo(String department, Map<String, String> settings) {
        String secret = settings.get("mock.back-office.client-secret");
        if (!Boolean.getBoolean("tongban.back-office.enabled") || secret == null) {
            return new DepartmentBackOffice(department, null, null, null);
        }
        return new DepartmentBackOffice(department, secret,
                System.getProperty("tongban.portals.issuer", "http://localhost:8180/realms/tongban"),
                System.getProperty("tongban.portals.hub-url", "http://localhost:8080"));
    }

    @Override
    public String getName() {
        return "department-back-office";
    }

    /** Only for the intake stubs that name it. */
    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** As the intake answers (its asynchronous answers never reach WireMock's after-complete phase). */
    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        if (secret == null || event.getResponseDefinition() == null || event.getResponseDefinition().getStatus() != 200) {
            return;
        }
        Matcher found = Pattern.compile(parameters.getString("caseNumber")).matcher(event.getRequest().getBodyAsString());
        if (!found.find()) {
            return;
        }
        String caseNumber = found.group(1);
        String callback = parameters.getString("callback");
        String client = parameters.getString("client");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> notices = (List<Map<String, Object>>) parameters.get("notices");
        double scale = Double.parseDouble(System.getProperty("tongban.back-office.delay-scale", "1"));
        decide(callback, client, caseNumber, notices, 0, scale, 0);
    }

    /** Sends notice {@code i} after its delay (scaled: the benchmark decides at once), then schedules the next. */
    private void decide(String callback, String client, String caseNumber, List<Map<String, Object>> notices, int i,
                        double scale, long sentAfterMillis) {
        if (i >= notices.size()) {
            return;
        }
        long at = Math.round(Long.parseLong(String.valueOf(notices.get(i).get("after")).replace("s", "")) * 1000 * scale);
        later.schedule(() -> {
            send(callback, client, fill(String.valueOf(notices.get(i).get("body")), caseNumber));
            decide(callback, client, caseNumber, notices, i + 1, scale, at);
        }, Math.max(0, at - sentAfterMillis), TimeUnit.MILLISECONDS);
    }

    /** Sends one notice now, with the department's own token; its HTTP status, or -1 when it could not be sent. */
    int send(String callback, String client, String body) {
        try {
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(hubUrl + "/api/v1/callbacks/" + callback))
                    .header("Authorization", "Bearer " + token(client))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("back office of %s: notice %s → HTTP %d%n", department, callback, sent.statusCode());
            return sent.statusCode();
        } catch (IOException | InterruptedException e) {
            System.out.printf("back office of %s: notice %s not sent (%s)%n", department, callback, e);
            return -1;
        }
    }

    /** The department's client-credentials token, fetched again shortly before it expires. */
    private String token(String client) throws IOException, InterruptedException {
        if (token != null && System.currentTimeMillis() < tokenUntil) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(client, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode issued = JSON.readTree(answer.body());
        tokenUntil = System.currentTimeMillis() + Math.max(0, issued.path("expires_in").asLong(60) - 30) * 1000;
        token = issued.path("access_token").asText();
        return token;
    }

    private static String tail(String caseNumber, String placeholder) {
        int n = Integer.parseInt(placeholder.substring("caseTail:".length()));
        return caseNumber.substring(Math.max(0, caseNumber.length() - n));
    }

    static String fill(String template, String caseNumber) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "case" -> caseNumber;
                case "uuid" -> UUID.randomUUID().toString();
                case "creditCode" -> creditCode(caseNumber);
                default -> name.startsWith("caseTail:") ? tail(caseNumber, name)
                        : LocalDateTime.now(ZoneId.of("Asia/Shanghai"))
                        .format(DateTimeFormatter.ofPattern(name.substring("now:".length())));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** 91 (enterprise) 460100 (Haikou) and nine characters from the case number's serial, with its GB 32100 check. */
    static String creditCode(String caseNumber) {
        String digits = caseNumber.replaceAll("[^0-9]", "");
        String first17 = "91460100MA" + digits.substring(Math.max(0, digits.length() - 7));
        while (first17.length() < 17) {
            first17 = first17 + "0";
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return first17 + ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
