package tongban.hub.monitoring;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.exchange.async.Backlog;
import tongban.hub.exchange.async.QueueStatistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Samples every department's queue, dead letters and calls every few seconds ({@code tongban.monitoring.sample-interval})
 * and keeps five minutes of samples: the ops console and the Prometheus gauges read these, so neither a page nor a
 * scrape ever waits on the broker.
 */
@Component
public class DepartmentMonitor {

    /** One sample of one department. */
    public record Sample(Instant at, QueueStatistics.Counts queue, ExchangeMetrics.Totals calls,
                         Backlog.Waiting waiting) {
    }

    /**
     * A department as the console shows it.
     *
     * @param perMinute   enqueued and dequeued per minute over the last minute (or what there is of it)
     * @param errorRate   share of calls answered 5xx over the last minute, 0–1, or null without calls
     * @param latencyMs   {p50, p99} over the last five minutes, or null
     * @param depthSeries queue depth over the kept samples, oldest first (for the small chart)
     * @param callSeries  calls per sampling period, oldest first
     * @param configurationFault whether the department refused the hub's own credentials in the last minute
     *                    (401/403: a key or secret to fix, not an outage to wait out)
     * @param waiting     submissions waiting for the department, and since when
     */
    public record Status(String department, QueueStatistics.Counts queue, double enqueuedPerMinute,
                         double dequeuedPerMinute, String circuit, Double errorRate, long callsLastMinute,
                         double[] latencyMs, long[] depthSeries, long[] callSeries, boolean configurationFault,
                         Backlog.Waiting waiting) {
    }

    private static final Duration KEEP = Duration.ofMinutes(5);

    private final List<String> departments;
    private final QueueStatistics queues;
    private final ExchangeMetrics exchange;
    private final CircuitBreakerRegistry circuits;
    private final Backlog backlog;
    private final Map<String, Deque<Sample>> history = new ConcurrentHashMap<>();

    DepartmentMonitor(ServiceRegistry registry, QueueStatistics queues, ExchangeMetrics exchange,
                      CircuitBreakerRegistry circuits, MeterRegistry meters, Backlog backlog) {
        this.backlog = backlog;
        this.departments = registry.departments();
        this.queues = queues;
        this.exchange = exchange;
        this.circuits = circuits;
        for (String department : departments) {
            history.put(department, new ArrayDeque<>());
            gauge(meters, "tongban.queue.depth", "messages waiting on the department's queue", department,
                    s -> s.queue().depth());
            gauge(meters, "tongban.queue.consumers", "consumers on the department's queue", department,
                    s -> s.queue().consumers());
            gauge(meters, "tongban.queue.in.flight", "messages delivered and not yet acknowledged", department,
                    s -> s.queue().inFlight());
            gauge(meters, "tongban.queue.dead.letters", "messages in the department's dead-letter queue", department,
                    s -> s.queue().deadLetters());
            gauge(meters, "tongban.submissions.waiting", "submissions accepted and not yet delivered to the department",
                    department, s -> s.waiting().submissions());
            gauge(meters, "tongban.submissions.oldest.waiting.seconds",
                    "how long the longest-waiting submission for the department has waited", department,
                    s -> s.waiting().oldestSince() == null ? 0
                            : Duration.between(s.waiting().oldestSince(), s.at()).toMillis() / 1000.0);
        }
        sample();
    }

    private void gauge(MeterRegistry meters, String name, String description, String department,
                       ToDoubleFunction<Sample> value) {
        Gauge.builder(name, this, monitor -> {
            Sample latest = monitor.latest(department);
            return latest == null ? 0 : value.applyAsDouble(latest);
        }).description(description).tag("department", department).register(meters);
    }

    @Scheduled(fixedDelayString = "${tongban.monitoring.sample-interval:5s}",
            initialDelayString = "${tongban.monitoring.sample-interval:5s}")
    void sample() {
        Instant now = Instant.now();
        Map<String, QueueStatistics.Counts> counts = queues.of(departments);
        Map<String, Backlog.Waiting> waiting = waiting();
        for (String department : departments) {
            Deque<Sample> samples = history.get(department);
            Sample sample = new Sample(now, counts.getOrDefault(department, QueueStatistics.Counts.NONE),
                    exchange.totals(department), waiting.getOrDefault(department, Backlog.Waiting.NONE));
            synchronized (samples) {
                samples.addLast(sample);
                while (samples.size() > 1 && samples.peekFirst().at().isBefore(now.minus(KEEP))) {
                    samples.removeFirst();
                }
            }
        }
    }

    /** The backlog, or nothing while the database cannot say (the console shows the rest all the same). */
    private Map<String, Backlog.Waiting> waiting() {
        try {
            return backlog.byDepartment();
        } catch (DataAccessException e) {
            return Map.of();
        }
    }

    Sample latest(String department) {
        Deque<Sample> samples = history.get(department);
        if (samples == null) {
            return null;
        }
        synchronized (samples) {
            return samples.peekLast();
        }
    }

    /** Every department, in the registry's order. */
    public List<Status> now() {
        List<Status> all = new ArrayList<>(departments.size());
        for (String department : departments) {
            all.add(status(department));
        }
        return all;
    }

    public List<String> departments() {
        return departments;
    }

    private Status status(String department) {
        List<Sample> samples;
        Deque<Sample> kept = history.get(department);
        synchronized (kept) {
            samples = new ArrayList<>(kept);
        }
        Sample last = samples.get(samples.size() - 1);
        Sample minuteAgo = samples.get(0);
        for (Sample s : samples) {
            if (!s.at().isBefore(last.at().minusSeconds(60))) {
                minuteAgo = s;
                break;
            }
        }
        double minutes = Math.max(1e-9, Duration.between(minuteAgo.at(), last.at()).toMillis() / 60_000.0);
        boolean span = last != minuteAgo;
        long calls = last.calls().calls() - minuteAgo.calls().calls();
        long errors = last.calls().errors() - minuteAgo.calls().errors();
        boolean configurationFault = last.calls().authFailures() - minuteAgo.calls().authFailures() > 0;
        long[] depth = new long[samples.size()];
        long[] perPeriod = new long[Math.max(0, samples.size() - 1)];
        for (int i = 0; i < samples.size(); i++) {
            depth[i] = samples.get(i).queue().depth();
            if (i > 0) {
                perPeriod[i - 1] = samples.get(i).calls().calls() - samples.get(i - 1).calls().calls();
            }
        }
        return new Status(department, last.queue(),
                span ? (last.queue().added() - minuteAgo.queue().added()) / minutes : 0,
                span ? (last.queue().acknowledged() - minuteAgo.queue().acknowledged()) / minutes : 0,
                circuits.find(department).map(CircuitBreaker::getState).map(Enum::name).orElse("CLOSED"),
                calls == 0 ? null : (double) errors / calls, calls, exchange.percentilesMs(department), depth,
                perPeriod, configurationFault, last.waiting());
    }
}
