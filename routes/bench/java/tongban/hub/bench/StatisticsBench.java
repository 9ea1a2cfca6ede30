package tongban.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import tongban.sso.login.HttpLogin;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The statistics part of {@code ./tongban bench}, on the seeded city ({@link CaseSeed}): the statistics page for a
 * whole year, signed in as an operator like a browser, and the same figures from the API, each {@code ROUNDS} times
 * after a warm-up; then the year's case ledger as CSV, read as it streams, with the hub's resident memory sampled
 * every 50 ms before and during the download (flat when the export streams).
 * First, once, the year before that one, never asked for: every day of it counted from the database.
 * Usage: {@code StatisticsBench HUB_URL ISSUER USER PASSWORD ROUNDS HUB_PID FROM TO}; prints {@code RESULT stats cold
 * <ms> <ms>}, {@code RESULT stats page
 * <p50> <p95>}, {@code RESULT stats api <p50> <p95>} (ms) and {@code RESULT ledger <lines> <bytes> <seconds>
 * <rss-before-mb> <rss-max-mb>}.
 */
public final class StatisticsBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatisticsBench() {
    }

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String issuer = args[1];
        HttpLogin.Credentials operator = new HttpLogin.Credentials(args[2], args[3], null);
        int rounds = Integer.parseInt(args[4]);
        long hubPid = Long.parseLong(args[5]);
        String range = "from=" + args[6] + "&to=" + args[7];

        // a year nobody asked for yet: every closed day of it counted from the database, the cost the kept days spare
        String token = token(issuer, args[2], args[3]);
        java.time.LocalDate coldTo = java.time.LocalDate.parse(args[6]).minusDays(1);
        long coldStarted = System.nanoTime();
        HttpResponse<String> cold = HTTP.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/statistics?from="
                + coldTo.minusDays(364) + "&to=" + coldTo)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (cold.statusCode() != 200) {
            throw new IllegalStateException("statistics API answered " + cold.statusCode() + ": " + cold.body());
        }
        System.out.printf("RESULT stats cold %.2f %.2f%n", (System.nanoTime() - coldStarted) / 1e6,
                (System.nanoTime() - coldStarted) / 1e6);

        HttpLogin browser = new HttpLogin();
        URI page = URI.create(hub + "/ops/statistics?" + range);
        String first = browser.follow(page, operator, null).page();
        if (first == null || !first.contains("id=\"figures\"")) {
            throw new IllegalStateException("not signed in to the statistics page");
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < rounds + 5; i++) {
            long started = System.nanoTime();
            String body = browser.follow(page, null, null).page();
            long took = System.nanoTime() - started;
            if (body == null || !body.contains("id=\"figures\"")) {
                throw new IllegalStateException("the statistics page answered without its figures");
            }
            if (i >= 5) {
                times.add(took);
            }
        }
        print("stats page", times);

        times.clear();
        for (int i = 0; i < rounds + 5; i++) {
            long started = System.nanoTime();
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/statistics?" + range))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - started;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("statistics API answered " + answer.statusCode() + ": " + answer.body());
            }
            if (i >= 5) {
                times.add(took);
            }
        }
        print("stats api", times);

        long before = rssKb(hubPid);
        AtomicLong max = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                max.accumulateAndGet(rssKb(hubPid), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<InputStream> ledger = HTTP.send(HttpRequest.newBuilder(URI.create(hub
                        + "/api/v1/statistics/ledger.csv?" + range)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        try (InputStream in = ledger.body()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        if (ledger.statusCode() != 200) {
            throw new IllegalStateException("the ledger answered " + ledger.statusCode());
        }
        System.out.printf("RESULT ledger %d %d %.2f %.0f %.0f%n", lines - 1, bytes, seconds, before / 1024.0,
                max.get() / 1024.0);
        System.exit(0);
    }

    private static void print(String name, List<Long> times) {
        Collections.sort(times);
        System.out.printf("RESULT %s %.2f %.2f%n", name, times.get(times.size() / 2) / 1e6,
                times.get((int) Math.ceil(times.size() * 0.95) - 1) / 1e6);
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception gone) {
            return 0;
        }
        return 0;
    }

    private static String token(String issuer, String user, String password) throws Exception {
        String form = "grant_type=password&client_id=tongban-cli&username=" + user + "&password=" + password;
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).path("access_token").asText();
    }
}
