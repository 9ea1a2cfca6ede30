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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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
 *   <li>{@code baseline N P C} — plain JMS on an embedded Artemis configured exactly like the hub's (persistent NIO
 *   journal, the department queues' address settings): P producers send N persistent messages of a submission's
 *   size with duplicate ids, C transacted consumers receive and commit each; prints messages per second.</li>
 *   <li>{@code hub URL TOKEN N P [W]} — after W seconds of warm-up rounds, the same N through the running hub: P
 *   clients POST submissions (each with an Idempotency-Key), the hub queues them, consumes them, calls the department
 *   and records every attempt; the clock stops when the status API, asked by P clients too, reports all of them
 *   SUCCEEDED. Then checks each was attempted exactly once.</li>
 * </ul>
 * Prints one machine-readable line {@code RESULT <name> <per-second> <lost> <duplicated>} for the script.
 */
public final class QueueBench {

    private static final String BODY = "{\"projectCode\": \"2020-460100-47-01-000123\"}";
    private static final Pattern ID = Pattern.compile("\"submissionId\":\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final Pattern ATTEMPTS = Pattern.compile("\"attempts\":([0-9]+)");

    private QueueBench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("queue benchmark failed: " + e);
            System.out.println("RESULT failed 0 -1 -1");
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        // outside Spring Boot nothing configures logback, whose default is DEBUG for everything
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        switch (args.length > 0 ? args[0] : "") {
            case "baseline" -> baseline(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "hub" -> hub(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 0);
            default -> {
                System.err.println("usage: QueueBench baseline N PRODUCERS CONSUMERS | hub URL TOKEN N PRODUCERS [WARM-UP-SECONDS]");
                System.exit(2);
            }
        }
        System.exit(0); // the JMS client's and the broker's thread pools would keep the JVM up for a minute
    }

    private static void baseline(int n, int producers, int consumers) throws Exception {
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
        CountDownLatch done = new CountDownLatch(n);
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
                    done.countDown();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();
        }
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(producers);
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
        boolean all = done.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        for (Connection connection : connections) {
            connection.close();
        }
        broker.stop();
        int lost = all ? n - seen.size() : (int) done.getCount();
        report("plain-jms", n / seconds, lost, duplicates.get());
    }

    /**
     * Rounds of 1,000 submissions for {@code warmUpSeconds} first — the hub's submission path and this client's own
     * HTTP code both compiled by their JITs, as a long-running client and hub are — then the N that are measured.
     */
    private static void hub(String url, String token, int n, int producers, int warmUpSeconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        int warmed = 0;
        while (System.nanoTime() < warmUntil) {
            round(http, url, token, 1000, producers);
            warmed += 1000;
        }
        if (warmed > 0) {
            System.out.printf("WARMED %d%n", warmed);
        }
        double[] measured = round(http, url, token, n, producers);
        report("hub", measured[0], (int) measured[1], (int) measured[2]);
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
                        Thread.sleep(20);
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
        String body = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/submissions/" + id))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher attempts = ATTEMPTS.matcher(body);
        return new String[]{match(STATUS, body), attempts.find() ? attempts.group(1) : "0"};
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + text);
        }
        return m.group(1);
    }

    private static void report(String name, double perSecond, int lost, int duplicated) {
        System.out.printf("RESULT %s %.1f %d %d%n", name, perSecond, lost, duplicated);
    }
}
