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
        Path home = UnpackedDistribution.unpack(UnpackedDistribution.inLocalRepository("org/apache/activemq",
                        "apache-artemis", VERSION, "apache-artemis-" + VERSION + "-bin.zip"),
                ProjectRoot.path().resolve(".tongban/test/apache-artemis-" + VERSION), "bin/artemis");
        int port = freePort();
        run(List.of("bash", home.resolve("bin/artemis").toString(), "create", instanceDir.toString(), "--force",
                "--silent", "--user", USER, "--password", PASSWORD, "--require-login", "--no-web", "--no-autotune",
                "--host", "127.0.0.1", "--default-port", Integer.toString(port), "--no-amqp-acceptor",
                "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor"), instanceDir.getParent());
        Path brokerXml = instanceDir.resolve("etc/broker.xml");
        String xml = Files.readString(brokerXml);
        if (!xml.contains("<address-settings>")) {
            throw new IllegalStateException("no <address-settings> in " + brokerXml);
        }
        Files.writeString(brokerXml, xml.replaceFirst("<address-settings>",
                "<address-settings>\n" + DepartmentQueues.addressSettingsXml(settings)));
        ArtemisBroker broker = new ArtemisBroker(null, port, instanceDir);
        broker.run();
        return broker;
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
