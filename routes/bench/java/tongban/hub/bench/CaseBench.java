package tongban.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tongban.sso.login.HttpLogin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cases half of {@code ./tongban bench}: {@code BUNDLES} 企业开办 bundles applied for by {@code CLIENTS} clients at
 * once, each followed until its four departments (the mocks' back offices, deciding at once) have finished every
 * part — bundles per second from the first application to the last finished bundle, and each bundle's time from
 * application to finished; then 我的办件 (the portal's page, signed in like a browser, and the API) timed
 * {@code ROUNDS} times on a database the seed filled with a city's cases.
 * Usage: {@code CaseBench HUB_URL ISSUER BUNDLES CLIENTS ROUNDS}; prints {@code RESULT …} lines.
 */
public final class CaseBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String FORM = "{\"enterpriseName\":\"海口市压测有限公司\",\"enterpriseType\":\"1100\","
            + "\"registeredCapital\":10,\"address\":\"海口市龙华区\",\"businessScope\":\"软件开发\","
            + "\"legalRepresentative\":\"陈静\",\"legalRepresentativeIdNumber\":\"460100199203154520\","
            + "\"sealKinds\":\"01\",\"invoiceKind\":\"026\",\"invoiceCount\":5,\"employees\":3}";

    private CaseBench() {
    }

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String issuer = args[1];
        int bundles = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        String token = token(issuer);

        Map<String, Long> applied = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < bundles; i++) {
            work.add(pool.submit(() -> {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/cases"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"bundle\":\"enterprise-opening\",\"form\":" + FORM + "}")));
                if (answer.statusCode() != 201) {
                    throw new IllegalStateException("application answered " + answer.statusCode() + ": " + answer.body());
                }
                applied.put(JSON.readTree(answer.body()).at("/summary/caseNumber").asText(), System.nanoTime());
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        List<Long> durations = new ArrayList<>();
        Map<String, Long> open = new ConcurrentHashMap<>(applied);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (String number : List.copyOf(open.keySet())) {
                JsonNode c = JSON.readTree(send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/cases/" + number))
                        .header("Authorization", "Bearer " + token)).body());
                if ("FINISHED".equals(c.at("/summary/status").asText())) {
                    durations.add(System.nanoTime() - open.remove(number));
                }
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " bundles did not finish in 300 s");
        }
        Collections.sort(durations);
        System.out.printf("RESULT cases %d %.1f %.2f %.0f %.0f%n", bundles, seconds, bundles / seconds,
                durations.get(durations.size() / 2) / 1e6, durations.get((int) Math.ceil(durations.size() * 0.95) - 1) / 1e6);

        // 我的办件: the portal's page as a signed-in browser sees it, and the API behind the same query
        HttpLogin browser = new HttpLogin();
        String page = browser.follow(URI.create(hub + "/portal/cases"), new HttpLogin.Credentials("chenjing", "demo",
                null), null).page();
        if (page == null || !page.contains("id=\"my-cases\"")) {
            throw new IllegalStateException("not signed in to the portal");
        }
        report("page", time(rounds, () -> browser.follow(URI.create(hub + "/portal/cases"), null, null).page()));
        report("api", time(rounds, () -> send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/cases?limit=100"))
                .header("Authorization", "Bearer " + token)).body()));
        System.exit(0);
    }

    private interface Fetch {
        String get() throws Exception;
    }

    private static List<Long> time(int rounds, Fetch fetch) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < rounds + 10; i++) {
            long t = System.nanoTime();
            String body = fetch.get();
            if (body == null || body.isEmpty()) {
                throw new IllegalStateException("我的办件 answered nothing");
            }
            if (i >= 10) {
                times.add(System.nanoTime() - t);
            }
        }
        Collections.sort(times);
        return times;
    }

    private static void report(String what, List<Long> times) {
        System.out.printf("RESULT mycases %s %.2f %.2f%n", what, times.get(times.size() / 2) / 1e6,
                times.get((int) Math.ceil(times.size() * 0.95) - 1) / 1e6);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String issuer) throws Exception {
        String form = "grant_type=password&client_id=tongban-cli&username=chenjing&password=demo";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).path("access_token").asText();
    }
}
