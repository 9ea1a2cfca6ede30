package tongban.hub.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import tongban.hub.exchange.async.AsyncProperties;
import tongban.hub.exchange.async.DepartmentQueues;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The asynchronous half of {@code ./tongban bench} (run from the hub's jar, see routes/bench/exchange-bench.sh):
 * <ul>
 *   <li>{@code baseline N P C [W]} — plain JMS on an embedded Artemis configured exactly like the hub's (persistent
 *   NIO journal, the department queues' address settings): P producers send N persistent messages of a submission's
 *   size with duplicate ids, C transacted consumers receive and commit each; prints messages per second. Warmed
 *   first like the hub (W seconds, then until this JVM's JIT has settled).</li>
 *   <li>{@code hub URL TOKEN N P [W [PID]]} — after W seconds of warm-up rounds, and more until the JIT of the hub
 *   (process PID) has settled, the same N through the running hub: P
 *   clients POST submissions (each with an Idempotency-Key), the hub queues them, consumes them, calls the department
 *   and records every attempt; the clock stops when the status API, asked by P clients too, reports all of them
 *   SUCCEEDED. Then checks each was attempted exactly once.</li>
 * </ul>
 * Prints one machine-readable line {@code RESULT <name> <per-second> <lost> <duplicated> <settle-seconds>} for the
 * script.
 */
public final class QueueBench {

    private static final String BODY = "{\"projectCode\": \"2020-460100-47-01-000123\"}";
    private static final Pattern ID = Pattern.compile("\"submissionId\":\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final Pattern ATTEMPTS = Pattern.compile("\"attempts\":([0-9]+)");

    /** At most this long more to wait for a JIT to settle (exchange-bench.sh's BENCH_SETTLE_MAX). */
    private static final long SETTLE_MAX_SECONDS = Long.getLong("bench.settle-max", 180);

    /** How long the warm-up went on until the JIT had settled, in seconds (the RESULT line's last field). */
    private static long settledAfter;

    private QueueBench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("queue benchmark failed: " + e);
            System.out.println("RESULT failed 0 -1 -1 0");
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        // outside Spring Boot nothing configures logback, whose default is DEBUG for everything
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        switch (args.length > 0 ? args[0] : "") {
            case "baseline" -> baseline(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? Integer.parseInt(args[4]) : 0);
            case "hub" -> hub(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 0, args.length > 6 ? args[6] : null);
            default -> {
                System.err.println("usage: QueueBench baseline N PRODUCERS CONSUMERS [WARM-UP-SECONDS] | hub URL TOKEN N PRODUCERS [WARM-UP-SECONDS [HUB-PID]]");
                System.exit(2);
            }
        }
        System.exit(0); // the JMS client's and the broker's thread pools would keep the JVM up for a minute
    }

    private static void baseline(int n, int producers, int consumers, int warmUpSeconds) throws Exception {
        Path dir = Files.createTempDirectory("tongban-queue-bench");
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dir.resolve("largemessages").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.addAcceptorConfiguration("invm", "vm://0");
        DepartmentQueues.configure(config, new AsyncProperties(5, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5),
                consumers, Duration.ofSeconds(10), Duration.ofHours(72)), List.of("bench"));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        String queue = DepartmentQueues.queue("bench");
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        List<Connection> connections = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            Connection connection = factory.createConnection();
            connections.add(connection);
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            consumer.setMessageListener(message -> {
                try {
                    if (!seen.add(message.getStringProperty("tongbanSubmissionId"))) {
                        duplicates.incrementAndGet();
                    }
                    session.commit();
                    received.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();
        }
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        // warmed by the same rule as the hub: the broker and its client are Java code compiled as they run too
        int warmed = warmUp(String.valueOf(ProcessHandle.current().pid()), warmUpSeconds,
                () -> jmsRound(factory, queue, pool, received, n, producers));
        double[] measured = jmsRound(factory, queue, pool, received, n, producers);
        pool.shutdown();
        for (Connection connection : connections) {
            connection.close();
        }
        broker.stop();
        int lost = measured[1] > 0 ? (int) measured[1] : (warmed + 1) * n - seen.size(); // each round sends N
        report("plain-jms", measured[0], lost, duplicates.get());
    }

    /** P producers send N persistent messages; done when the consumers have received them all: {per second, missing}. */
    private static double[] jmsRound(ActiveMQConnectionFactory factory, String queue, ExecutorService pool,
                                     AtomicInteger received, int n, int producers) throws Exception {
        int target = received.get() + n;
        long started = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int share = n / producers + (p < n % producers ? 1 : 0);
            sent.add(pool.submit(() -> {
                try (Connection connection = factory.createConnection()) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue(queue));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (int i = 0; i < share; i++) {
                        String id = UUID.randomUUID().toString();
                        TextMessage message = session.createTextMessage(BODY);
                        message.setStringProperty(DepartmentQueues.DUPLICATE_ID, id);
                        message.setStringProperty("tongbanSubmissionId", id);
                        producer.send(message);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (received.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new double[]{n / seconds, Math.max(0, target - received.get())};
    }

    /**
     * Warms the hub's submission path and this client's own HTTP code (a long-running client and hub are compiled by
     * their JITs) by the benchmark's rule, then measures N.
     */
    private static void hub(String url, String token, int n, int producers, int warmUpSeconds, String hubPid)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int rounds = warmUp(hubPid, warmUpSeconds, () -> round(http, url, token, 1000, producers));
        if (rounds > 0) {
            System.out.printf("WARMED %d%n", rounds * 1000);
        }
        double[] measured = round(http, url, token, n, producers);
        report("hub", measured[0], (int) measured[1], (int) measured[2]);
    }

    /**
     * The benchmark's warm-up rule (exchange-bench.sh's settle): rounds for {@code seconds}, then on in slices of 15 s
     * until the JIT compilers of process {@code pid} took under 3 % of its CPU in a slice, for at most
     * {@code -Dbench.settle-max} (180) s more (no pid: the fixed time only). Prints how long the settling took.
     *
     * @return the rounds run
     */
    private static int warmUp(String pid, int seconds, Callable<double[]> round) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int rounds = 0;
        while (System.nanoTime() < until) {
            round.call();
            rounds++;
        }
        if (pid == null || seconds == 0) {
            return rounds;
        }
        long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_MAX_SECONDS);
        long settleStarted = System.nanoTime();
        boolean settled = false;
        while (!settled && System.nanoTime() < settleUntil) {
            long[] before = cpuTicks(pid);
            long slice = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < slice) {
                round.call();
                rounds++;
            }
            long[] after = cpuTicks(pid);
            settled = (after[1] - before[1]) * 100 < (after[0] - before[0]) * 3;
        }
        settledAfter = (System.nanoTime() - settleStarted) / 1_000_000_000L;
        System.out.printf("SETTLED %d %s%n", settledAfter, settled);
        return rounds;
    }

    /**
     * {the process, its JIT compiler threads}: CPU ticks so far, from /proc/PID/stat (threads that ended included) and
     * /proc/PID/task/*&#47;stat.
     */
    static long[] cpuTicks(String pid) throws IOException {
        long jit = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        jit += ticks(task.resolve("stat"));
                    }
                } catch (NoSuchFileException ended) {
                    // a compiler thread that ended between the listing and the read (they come and go with the load)
                }
            }
        }
        return new long[]{ticks(Path.of("/proc", pid, "stat")), jit};
    }

    /** utime + stime of a stat file: fields 14 and 15, counted after the command name in brackets. */
    private static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(") ") + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** N submissions from P clients, each read back until SUCCEEDED: {per second, unfinished, attempted twice}. */
    private static double[] round(HttpClient http, String url, String token, int n, int producers) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<Future<String>> accepted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "bench-" + run + "-" + i;
            accepted.add(pool.submit(() -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url
                                + "/api/v1/services/construction-approval/project-status/submissions"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("submission answered " + response.statusCode() + ": " + response.body());
                }
                return match(ID, response.body());
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : accepted) {
            ids.add(f.get());
        }
        pool.shutdown();
        System.out.printf("ACCEPTED %d %.1f%n", n, n / ((System.nanoTime() - started) / 1e9));
        // every submission is read back through the status API until it is final, by as many clients as submitted
        // (each follows its share in submission order): the clock stops when the last of them is SUCCEEDED
        ExecutorService readers = Executors.newFixedThreadPool(producers);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        List<Future<int[]>> shares = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p;
            shares.add(readers.submit(() -> {
                int unfinished = 0;
                int duplicated = 0;
                for (int i = first; i < ids.size(); i += producers) {
                    String[] view = status(http, url, token, ids.get(i));
                    while (!"SUCCEEDED".equals(view[0]) && System.nanoTime() < deadline) {
                        if ("FAILED".equals(view[0]) || "DEAD_LETTERED".equals(view[0])) {
                            throw new IllegalStateException("submission " + ids.get(i) + " ended " + view[0]);
                        }
                        if (!"waited".equals(view[2])) {
                            Thread.sleep(20); // a hub that does not wait for the outcome is asked again shortly
                        }
                        view = status(http, url, token, ids.get(i));
                    }
                    if (!"SUCCEEDED".equals(view[0])) {
                        unfinished++;
                    } else if (Integer.parseInt(view[1]) != 1) {
                        duplicated++;
                    }
                }
                return new int[]{unfinished, duplicated};
            }));
        }
        int unfinished = 0;
        int duplicated = 0;
        for (Future<int[]> share : shares) {
            unfinished += share.get()[0];
            duplicated += share.get()[1];
        }
        readers.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new double[]{n / seconds, unfinished, duplicated};
    }

    private static String[] status(HttpClient http, String url, String token, String id) throws Exception {
        // as a client of the hub would: one read that waits for the outcome (Prefer: wait, RFC 7240), not a poll
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/submissions/" + id))
                .header("Authorization", "Bearer " + token).header("Prefer", "wait=10").build(),
                HttpResponse.BodyHandlers.ofString());
        String body = answer.body();
        Matcher attempts = ATTEMPTS.matcher(body);
        return new String[]{match(STATUS, body), attempts.find() ? attempts.group(1) : "0",
                answer.headers().firstValue("Preference-Applied").isPresent() ? "waited" : "asked"};
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + text);
        }
        return m.group(1);
    }

    private static void report(String name, double perSecond, int lost, int duplicated) {
        System.out.printf("RESULT %s %.1f %d %d %d%n", name, perSecond, lost, duplicated, settledAfter);
    }
}
