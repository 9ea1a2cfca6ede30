package tongban.hub.support;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub as a separate operating-system process (same classes as the tests), for what only a real process shows:
 * being killed with SIGKILL and started again on the same data folder — journal, database and all.
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int managementPort;

    private HubProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts a hub on a free port with the given data folder and extra {@code --name=value} arguments; waits until ready. */
    public static HubProcess start(Path dataDir, Path logFile, List<String> arguments) throws Exception {
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "tongban.hub.TongbanHub",
                "--server.port=" + port,
                // health and metrics on a port of their own, as the prod profile puts them (on TONGBAN_MANAGEMENT_PORT)
                (arguments.contains("--spring.profiles.active=prod") ? "--TONGBAN_MANAGEMENT_PORT="
                        : "--management.server.port=") + managementPort,
                "--tongban.data-dir=" + dataDir,
                "--tongban.sso.issuer=" + TestKeycloak.issuer()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        HubProcess hub = new HubProcess(process, port, managementPort);
        hub.awaitReady(Duration.ofSeconds(90), logFile);
        return hub;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Health and metrics: {@code /actuator/…} on the management port, apart from the API. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** The process's resident memory now, in MB (Linux), or -1 where it cannot be read. */
    public long residentMegabytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight is cut off. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait: the hub's graceful shutdown. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitReady(Duration timeout, Path logFile) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("hub process exited with " + process.exitValue() + "; see " + logFile);
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("hub process not ready in " + timeout + "; see " + logFile, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
