package tongban.hub.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A department system at its worst, for the hub's tests — what WireMock's stubs cannot play, since they hold whole
 * answers: {@code /huge/…} an endless chunked answer, {@code /huge-declared/…} one announcing 100 MB,
 * {@code /gzip-bomb/…} a few kilobytes of gzip that unpack to 200 MB, {@code /trickle/…} a byte every 200 ms for
 * ever, {@code /hang/…} no answer at all, {@code /redirect/…} a 302 to another address (which counts its visitors),
 * {@code /flap/…} good and 503 by turns, and {@code /ok/…} a small good answer. Only ever on 127.0.0.1; each answer stops when the hub hangs up.
 */
public final class HostileDepartment implements AutoCloseable {

    private static final byte[] OK = "{\"code\":\"0\",\"data\":{\"value\":\"fine\"}}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BOMB = gzipOfZeros(200L * 1024 * 1024);

    private final HttpServer server;
    private final HttpServer elsewhere;
    private final AtomicInteger redirectedVisits = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    /** Writes the trickling answers' bytes, one every 200 ms (no thread sleeps waiting for the next). */
    private final java.util.concurrent.ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hostile-department-trickle");
        t.setDaemon(true);
        return t;
    });
    /** Exchanges left without an answer on purpose, closed when the department closes. */
    private final java.util.List<HttpExchange> hanging = new java.util.concurrent.CopyOnWriteArrayList<>();

    public HostileDepartment() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-department");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::answer);
        server.start();
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        elsewhere.createContext("/", exchange -> {
            redirectedVisits.incrementAndGet();
            send(exchange, 200, OK);
        });
        elsewhere.start();
    }

    /**
     * Writes its descriptor, {@code hostile.yaml}, into {@code dir}: one service, {@code hostile/answer}, whose
     * {@code mode} picks the misbehaviour; a 64 KB answer limit, four calls at once, and this deadline.
     */
    public static void describe(Path dir, String timeout) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("hostile.yaml"), """
                department: hostile
                title: 恶劣部门 (a department at its worst)
                timeout: %s
                max-answer-size: 64KB
                max-concurrent-calls: 4
                result: { code: /code, ok: ["0"], data: /data }
                services:
                  - name: answer
                    method: GET
                    path: /{mode}/x
                    inputs:
                      mode: { type: code, pattern: "[a-z-]{2,20}" }
                    output:
                      value: value
                """.formatted(timeout));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests that reached the address a redirect pointed at (must stay 0). */
    public int redirectedVisits() {
        return redirectedVisits.get();
    }

    public int calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String mode = exchange.getRequestURI().getPath().split("/")[1];
        if (mode.equals("hang")) {
            hanging.add(exchange); // never answered: the handler returns, the connection stays open
            return;
        }
        if (mode.equals("trickle")) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            trickle(exchange, System.currentTimeMillis() + 120_000);
            return;
        }
        try (exchange) {
            switch (mode) {
                case "ok" -> send(exchange, 200, OK);
                case "flap" -> { // one read of the count: two would let a concurrent call pair a 200 with an empty body
                    boolean up = calls.get() % 2 == 0;
                    send(exchange, up ? 200 : 503, up ? OK : new byte[0]);
                }
                case "huge" -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 0); // chunked, without end
                    endless(exchange.getResponseBody());
                }
                case "huge-declared" -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 100L * 1024 * 1024);
                    endless(exchange.getResponseBody());
                }
                case "gzip-bomb" -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                    send(exchange, 200, BOMB);
                }
                case "redirect" -> {
                    exchange.getResponseHeaders().add("Location",
                            "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/steal");
                    exchange.sendResponseHeaders(302, -1);
                }
                default -> send(exchange, 404, new byte[0]);
            }
        } catch (IOException hungUp) {
            // the hub stopped reading: exactly what it should do
        }
    }

    /** 64 KB blocks until the hub hangs up, for at most two minutes (bounded, like every load this project makes). */
    private static void endless(OutputStream out) throws IOException {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) ' ');
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            out.write(block);
            out.flush();
        }
    }

    /** One byte now and the next in 200 ms, until the hub hangs up or two minutes are over. */
    private void trickle(HttpExchange exchange, long until) {
        try {
            exchange.getResponseBody().write(' ');
            exchange.getResponseBody().flush();
            if (System.currentTimeMillis() < until) {
                trickler.schedule(() -> trickle(exchange, until), 200, java.util.concurrent.TimeUnit.MILLISECONDS);
                return;
            }
        } catch (IOException hungUp) {
            // the hub stopped reading: exactly what it should do
        }
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static byte[] gzipOfZeros(long size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1024 * 1024];
            for (long written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        trickler.shutdownNow();
        hanging.forEach(HttpExchange::close);
        server.stop(0);
        elsewhere.stop(0);
    }
}
