package tongban.sso.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Starts the real Keycloak server (the {@code keycloak-quarkus-dist} zip that Maven fetched into the
 * local repository) as a child process in development mode, with every realm of {@code sso/realm/} imported (the
 * Tongban realm and the province's stand-in) and Tongban's provider jar ({@code sso/extensions}) in its
 * {@code providers/}. Used by {@code ./tongban run} (through {@link #main}) and by the end-to-end tests.
 *
 * <p>Every start begins with an empty Keycloak database, because {@code --import-realm} skips a realm that
 * already exists: the realm files in {@code sso/realm/} are the only truth.
 */
public final class KeycloakLauncher {

    public static final String REALM = "tongban";
    /** DEMO ONLY: the bootstrap admin of the local development server. */
    public static final String DEMO_ADMIN = "admin";

    private final Path workDir;
    private final Path realmDir;
    private final int port;
    private final Map<String, String> urls;
    private final List<String> overlays;
    private final List<Path> providers;

    /**
     * @param workDir  where the distribution is unpacked and the server's data and log are kept
     * @param realmDir the {@code sso/realm} folder
     * @param port     HTTP port; the issuer is pinned to {@code http://localhost:<port>}
     * @param urls     the realm's URLs as written (e.g. {@code http://localhost:8080}, {@code http://localhost:8191})
     *                 → where they really are in this run, so that redirect URIs stay exact when ports move
     * @param overlays the overlay folders to merge: {@code demo}, and what tests add
     * @param providers provider jars to install into Keycloak's {@code providers/}: Tongban's extensions
     */
    public KeycloakLauncher(Path workDir, Path realmDir, int port, Map<String, String> urls, List<String> overlays,
                            List<Path> providers) {
        this.workDir = workDir;
        this.realmDir = realmDir;
        this.port = port;
        Map<String, String> all = new HashMap<>(urls);
        all.put(RealmFiles.KEYCLOAK_URL, "http://localhost:" + port);
        this.urls = Map.copyOf(all);
        this.overlays = List.copyOf(overlays);
        this.providers = List.copyOf(providers);
    }

    public static String version() {
        try (InputStream in = KeycloakLauncher.class.getResourceAsStream("/tongban/sso/keycloak.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks (once), resets the data, imports the realm and starts the server; returns when it is ready. */
    public RunningKeycloak start(Duration readyTimeout) throws IOException, InterruptedException {
        Path home = unpackedHome();
        Path data = home.resolve("data");
        UnpackedDistribution.deleteTree(data);
        Files.createDirectories(data.resolve("import"));
        for (String realm : RealmFiles.realms(realmDir)) {
            Files.writeString(data.resolve("import").resolve(realm + "-realm.json"),
                    RealmFiles.merged(realmDir, realm, overlays, urls), StandardCharsets.UTF_8);
        }
        installProviders(home.resolve("providers"));

        Path log = workDir.resolve("keycloak-" + port + ".log");
        String url = "http://localhost:" + port;
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--hostname=" + url, "--import-realm",
                "--http-management-port=" + (port + 10_000 < 65_536 ? port + 10_000 : port - 10_000),
                "--log-level=WARN,org.keycloak.services:INFO")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", DEMO_ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", DEMO_ADMIN);
        builder.environment().putIfAbsent("JAVA_OPTS_KC_HEAP", "-XX:MaxRAMPercentage=10 -XX:InitialRAMPercentage=2");
        Process process = builder.start();
        RunningKeycloak running = new RunningKeycloak(process, url, log);
        try {
            awaitRealm(running, readyTimeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            running.stop();
            throw e;
        }
        return running;
    }

    /** The folder holds exactly this run's provider jars: an old build's jar never stays behind. */
    private void installProviders(Path folder) throws IOException {
        UnpackedDistribution.deleteTree(folder);
        Files.createDirectories(folder);
        for (Path jar : providers) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no provider jar at " + jar + " (build sso/extensions first)");
            }
            Files.copy(jar, folder.resolve(jar.getFileName()));
        }
    }

    private static void awaitRealm(RunningKeycloak keycloak, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!keycloak.process().isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + keycloak.process().exitValue()
                        + "; see " + keycloak.log());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; see " + keycloak.log());
    }

    private Path unpackedHome() throws IOException {
        String version = version();
        return UnpackedDistribution.unpack(distributionZip(version), workDir.resolve("keycloak-" + version), "bin/kc.sh");
    }

    /** The zip Maven put in the local repository when the {@code sso} module was built. */
    static Path distributionZip(String version) {
        return UnpackedDistribution.inLocalRepository("org/keycloak", "keycloak-quarkus-dist", version,
                "keycloak-quarkus-dist-" + version + ".zip");
    }

    /**
     * {@code --port N --work-dir DIR --realm-dir DIR --hub-url URL [--url AS-WRITTEN=REAL]… [--provider JAR]…}; runs
     * until the process is stopped.
     */
    public static void main(String[] args) throws Exception {
        int port = 8180;
        Path workDir = Path.of(".tongban");
        Path realmDir = Path.of("sso", "realm");
        Map<String, String> urls = new LinkedHashMap<>();
        List<Path> providers = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--work-dir" -> workDir = Path.of(args[i + 1]);
                case "--realm-dir" -> realmDir = Path.of(args[i + 1]);
                case "--hub-url" -> urls.put(RealmFiles.HUB_URL, args[i + 1]);
                case "--provider" -> providers.add(Path.of(args[i + 1]));
                case "--url" -> {
                    String[] pair = args[i + 1].split("=", 2);
                    urls.put(pair[0], pair[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(workDir);
        RunningKeycloak keycloak = new KeycloakLauncher(workDir, realmDir, port, urls, List.of(RealmFiles.DEMO), providers)
                .start(Duration.ofMinutes(5));
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop));
        System.out.println("keycloak ready " + keycloak.url() + " (realm " + REALM + ", log " + keycloak.log() + ")");
        keycloak.process().waitFor();
    }
}
