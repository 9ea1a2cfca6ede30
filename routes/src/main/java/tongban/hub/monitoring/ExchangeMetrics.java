package tongban.hub.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.DepartmentCall;
import tongban.hub.messagelog.LogEntry;
import tongban.hub.messagelog.RecordedEntryListener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every recorded exchange call — synchronous, or an attempt of a submission — counted and timed per department,
 * from the message log's own entries: {@code tongban_exchange_latency_seconds} (histogram, plus p50/p99 over the
 * last five minutes) and {@code tongban_exchange_calls_total{department,outcome}}. A call answered 5xx (the
 * department's trouble, an open circuit, the hub's own failure) counts as an error; a caller's 4xx does not.
 */
@Component
public class ExchangeMetrics implements RecordedEntryListener {

    /**
     * Calls and errors since start, for rates over the sampling period.
     *
     * @param authFailures calls the department refused because of the hub's own credentials (a configuration fault)
     */
    public record Totals(long calls, long errors, long authFailures) {
    }

    private final MeterRegistry registry;
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder[]> totals = new ConcurrentHashMap<>();

    ExchangeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void recorded(LogEntry entry) {
        String department = entry.department();
        timer(department).record(entry.latencyMs(), TimeUnit.MILLISECONDS);
        calls.computeIfAbsent(department + "\u0000" + entry.outcome(), key -> Counter.builder("tongban.exchange.calls")
                .description("exchange calls and submission attempts, by outcome (OK or the problem code)")
                .tag("department", department).tag("outcome", entry.outcome()).register(registry)).increment();
        LongAdder[] counts = totals.computeIfAbsent(department,
                d -> new LongAdder[]{new LongAdder(), new LongAdder(), new LongAdder()});
        counts[0].increment();
        if (entry.status() >= 500) {
            counts[1].increment();
        }
        if (DepartmentCall.AUTH_FAILED.equals(entry.outcome())) {
            counts[2].increment();
        }
    }

    public Totals totals(String department) {
        LongAdder[] counts = totals.get(department);
        return counts == null ? new Totals(0, 0, 0) : new Totals(counts[0].sum(), counts[1].sum(), counts[2].sum());
    }

    /** {p50, p99} in milliseconds over the last five minutes, or null when there were no calls. */
    public double[] percentilesMs(String department) {
        Timer timer = latency.get(department);
        if (timer == null) {
            return null;
        }
        ValueAtPercentile[] values = timer.takeSnapshot().percentileValues();
        if (values.length < 2 || Double.isNaN(values[0].value())) {
            return null;
        }
        return new double[]{values[0].value(TimeUnit.MILLISECONDS), values[1].value(TimeUnit.MILLISECONDS)};
    }

    private Timer timer(String department) {
        return latency.computeIfAbsent(department, d -> Timer.builder("tongban.exchange.latency")
                .description("time from admission to the recorded answer of an exchange call or attempt")
                .tag("department", d)
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .distributionStatisticExpiry(Duration.ofMinutes(5))
                .distributionStatisticBufferLength(5)
                .register(registry));
    }
}
