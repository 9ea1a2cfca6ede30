package tongban.hub.support;

import org.awaitility.Awaitility;
import tongban.hub.exchange.async.AsyncProperties;
import tongban.hub.exchange.async.DepartmentQueues;
import tongban.sso.keycloak.UnpackedDistribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real external Apache Artemis broker for the prod-profile tests: the {@code apache-artemis-2.40.0-bin.zip}
 * Maven fetched, unpacked once, a broker instance created with login required (user {@code tongban}, a test-only
 * password) and the hub's address settings ({@link DepartmentQueues#addressSettingsXml}), then run as its own
 * process on a free port.
 */
public final class ArtemisBroker implements AutoCloseable {

    public static final String VERSION = "2.40.0";
    public static final String USER = "tongban";
    public static final String PASSWORD = "tongban-test-only";

    private Process process;
    private final int port;
    private final Path instanceDir;

    private ArtemisBroker(Process process, int port, Path instanceDir) {
        this.process = process;
        this.port = port;
        this.instanceDir = instanceDir;
    }

    /** Creates a fresh instance under {@code instanceDir} with these redelivery settings, and starts it. */
    public static ArtemisBroker start(Path instanceDir, AsyncProperties settings) throws Exception {
        ArtemisBroker broker = create(distribution(), instanceDir, freePort(), settings, List.of());
        broker.run();
        return broker;
    }

    private static Path distribution() throws Exception {
        return UnpackedDistribution.unpack(UnpackedDistribution.inLocalRepository("org/apache/activemq",
                        "apache-artemis", VERSION, "apache-artemis-" + VERSION + "-bin.zip"),
                ProjectRoot.path().resolve(".tongban/test/apache-artemis-" + VERSION), "bin/artemis");
    }

    /**
     * A replicated primary/backup pair of the same distribution (the production layout the chart documents): the
     * primary started and serving, the backup started and synchronised with it ("backup announced"). The primary
     * checks for an active server when it starts again, so that, restarted after a failover, it joins as the pair's
     * backup instead of a second primary.
     */
    public static ArtemisBroker[] startPair(Path dir, AsyncProperties settings) throws Exception {
        Path home = distribution();
        int primaryPort = freePort();
        int backupPort = freePort();
        ArtemisBroker primary = create(home, dir.resolve("primary"), primaryPort, settings, List.of("--replicated",
                "--clustered", "--cluster-user", "tongban-cluster", "--cluster-password", PASSWORD,
                "--staticCluster", "tcp://127.0.0.1:" + backupPort));
        Path primaryXml = dir.resolve("primary/etc/broker.xml");
        Files.writeString(primaryXml, Files.readString(primaryXml).replace("<primary>",
                "<primary>\n               <check-for-active-server>true</check-for-active-server>"));
        ArtemisBroker backup = create(home, dir.resolve("backup"), backupPort, settings, List.of("--replicated",
                "--clustered", "--backup", "--cluster-user", "tongban-cluster", "--cluster-password", PASSWORD,
                "--staticCluster", "tcp://127.0.0.1:" + primaryPort));
        primary.run();
        backup.startProcess();
        backup.awaitLog("AMQ221031", Duration.ofSeconds(90)); // backup announced: synchronised with the primary
        return new ArtemisBroker[]{primary, backup};
    }

    /** The pair's URL for the hubs: either broker, failing over to the other, reconnecting for ever. */
    public static String pairUrl(ArtemisBroker primary, ArtemisBroker backup) {
        return "(tcp://127.0.0.1:" + primary.port + ",tcp://127.0.0.1:" + backup.port
                + ")?ha=true&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.5&maxRetryInterval=2000";
    }

    private static ArtemisBroker create(Path home, Path instanceDir, int port, AsyncProperties settings,
                                        List<String> more) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/artemis").toString(), "create",
                instanceDir.toString(), "--force", "--silent", "--user", USER, "--password", PASSWORD,
                "--require-login", "--no-web", "--no-autotune", "--host", "127.0.0.1", "--default-port",
                Integer.toString(port), "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor",
                "--no-hornetq-acceptor"));
        command.addAll(more);
        run(command, instanceDir.getParent());
        Path brokerXml = instanceDir.resolve("etc/broker.xml");
        if (!Files.readString(brokerXml).contains("<address-settings>")) {
            throw new IllegalStateException("no <address-settings> in " + brokerXml);
        }
        Files.writeString(brokerXml, Files.readString(brokerXml).replaceFirst("<address-settings>",
                "<address-settings>\n" + DepartmentQueues.addressSettingsXml(settings)));
        return new ArtemisBroker(null, port, instanceDir);
    }

    /** Starts the broker's process without waiting for its port (a backup opens none until it is active). */
    public void startProcess() throws IOException {
        Path log = instanceDir.resolve("log/console.log");
        Files.createDirectories(log.getParent());
        this.process = new ProcessBuilder("bash", instanceDir.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits until the broker's console log shows this message code (AMQ221007: active; AMQ221031: backup announced). */
    public void awaitLog(String code, Duration atMost) {
        Path log = instanceDir.resolve("log/console.log");
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.exists(log) && Files.readString(log).contains(code));
    }

    /** How often the console log shows this message code so far. */
    public int logCount(String code) throws IOException {
        Path log = instanceDir.resolve("log/console.log");
        if (!Files.exists(log)) {
            return 0;
        }
        String text = Files.readString(log);
        int count = 0;
        for (int at = text.indexOf(code); at >= 0; at = text.indexOf(code, at + 1)) {
            count++;
        }
        return count;
    }

    /** Starts the instance (again, after {@link #kill()}: on the same journal and port). */
    public void run() throws IOException {
        Path log = instanceDir.resolve("log/console.log");
        Files.createDirectories(log.getParent());
        Process started = new ProcessBuilder("bash", instanceDir.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        this.process = started;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("Artemis exited with " + started.exitValue() + "; see " + log);
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** SIGKILL, the broker and the launcher script both: no shutdown, whatever was in flight is cut off. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process create = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(create.getInputStream().readAllBytes());
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new IllegalStateException("artemis create failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
