package tongban.hub.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The signed-in people of {@code ./tongban bench}: a city's callers are many people, each with a token of their own,
 * so the gateways are measured on real Keycloak tokens of distinct people — never one token for every call, which
 * only a gateway that caches verified tokens (the hub) would profit from.
 *
 * <p>On the benchmark's own Keycloak (its data is reset on every start): the realm's access tokens are made to live
 * two hours (the measured part outlasts the demo's five minutes), its password hashing is made cheap (one iteration:
 * the people's sign-ins are not what is measured), N citizens {@code bench-0001…} are imported at once, each signs
 * in once with the password grant of the CLI client, and their access tokens are written one per line, each with the
 * person's own identity number after a tab (a citizen may ask about their own data only). Beside them,
 * the realm's RS256 signing key as a PEM public key, for a gateway that is given its key as a file (HAProxy's
 * {@code jwt_verify}).
 *
 * <p>Usage: {@code BenchPeople KEYCLOAK_URL REALM PEOPLE TOKENS_FILE PUBLIC_KEY_FILE}; signs in to the master realm as the local
 * development server's bootstrap admin (DEMO ONLY). Prints {@code RESULT people N seconds}.
 */
public final class BenchPeople {

    private static final String PASSWORD = "bench-only-Pass1"; // DEMO ONLY: the benchmark's throwaway people
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String keycloak;
    private final String realm;

    private BenchPeople(String keycloak, String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        BenchPeople people = new BenchPeople(args[0], args[1]);
        int count = Integer.parseInt(args[2]);
        String admin = people.token("master", "admin-cli", "admin", "admin"); // DEMO ONLY bootstrap admin
        people.admin(admin, "PUT", "", "{\"accessTokenLifespan\":7200,\"passwordPolicy\":\"hashIterations(1)\"}");
        people.admin(admin, "POST", "/partialImport", people.importOf(count));
        List<String> tokens = people.signIn(count);
        Files.write(Path.of(args[3]), tokens);
        Files.writeString(Path.of(args[4]), people.signingKey());
        System.out.printf("RESULT people %d %.1f%n", tokens.size(), (System.nanoTime() - started) / 1e9);
    }

    /** The realm's RS256 signature key (the certificate Keycloak publishes with it), as a PEM public key. */
    private String signingKey() throws Exception {
        String keys = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/" + realm + "/protocol/openid-connect/certs"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher key = Pattern.compile("\\{[^{}]*\"alg\"\\s*:\\s*\"RS256\"[^{}]*\\}").matcher(keys);
        while (key.find()) {
            Matcher certificate = Pattern.compile("\"x5c\"\\s*:\\s*\\[\\s*\"([^\"]+)\"").matcher(key.group());
            if (key.group().contains("\"use\":\"sig\"") && certificate.find()) {
                PublicKey publicKey = CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(certificate.group(1)))).getPublicKey();
                return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            }
        }
        throw new IllegalStateException("no RS256 signature key in " + keys);
    }

    private String importOf(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> """
                {"username":"%s","enabled":true,"emailVerified":true,"firstName":"测试%d","lastName":"压",\
                "email":"%s@bench.tongban.invalid","attributes":{"real_name_level":["3"],"id_number":["%s"]},\
                "realmRoles":["citizen"],"credentials":[{"type":"password","value":"%s","temporary":false}]}""".formatted(
                        username(n), n, username(n), idNumber(n), PASSWORD))
                .collect(Collectors.joining(",", "{\"ifResourceExists\":\"OVERWRITE\",\"users\":[", "]}"));
    }

    /** A resident identity number of 海口 (GB 11643: born in 1990 + n days, its check digit computed). */
    static String idNumber(int n) {
        String body = "460100" + java.time.LocalDate.of(1990, 1, 1).plusDays(n)
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "%03d".formatted(n % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static String username(int n) {
        return "bench-%04d".formatted(n);
    }

    /** Each person signs in once, four at a time; their tokens in the people's order. */
    private List<String> signIn(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                String user = username(n);
                String id = idNumber(n);
                tokens.add(pool.submit(() -> token(realm, "tongban-cli", user, PASSWORD) + "\t" + id));
            }
            List<String> signedIn = new ArrayList<>();
            for (Future<String> token : tokens) {
                signedIn.add(token.get());
            }
            return signedIn;
        } finally {
            pool.shutdown();
        }
    }

    private String token(String realmName, String client, String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + client + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(keycloak + "/realms/" + realmName + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException(user + " could not sign in: " + answer.statusCode() + " " + answer.body());
        }
        return token.group(1);
    }

    private void admin(String token, String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/" + realm + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + answer.statusCode() + " " + answer.body());
        }
    }
}
