package tongban.hub.exchange;

import tongban.hub.problem.ExchangeFailure;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import tongban.adapters.support.CallLimits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A lane per department — its share of the hub: at most {@link CallLimits#maxConcurrentCalls()} calls to it at once,
 * and the caller waits no longer than the call's deadline. A department that hangs fills its own lane and no other:
 * further callers are refused at once ({@code 503 DEPARTMENT_BUSY} with {@code Retry-After}), and every other
 * department's calls go on as before. An adapter whose client ends each call at its deadline by itself runs the call
 * on the caller's thread, holding a permit (no hand-off); any other runs it on one of the lane's threads while the
 * caller waits at most the deadline — a call abandoned then is interrupted and holds its place in the lane until it
 * has really ended, so an abandoned call can never let more than the share through.
 *
 * <p>The share is a Resilience4j bulkhead per department (semaphore, no waiting); the deadline is the hub's own, as
 * no library bounds one call end to end with the interruption of what it abandons.
 */
final class DepartmentLanes {

    /** The hub's deadline is a backstop past the adapter's own, which ends the call and names its failure first. */
    static final Duration GRACE = Duration.ofMillis(250);

    private final Function<String, CallLimits> limits;
    private final Predicate<String> selfBounded;
    private final Map<String, ThreadPoolExecutor> lanes = new ConcurrentHashMap<>();
    private final BulkheadRegistry shares = BulkheadRegistry.ofDefaults();

    DepartmentLanes(Function<String, CallLimits> limits, Predicate<String> selfBounded) {
        this.limits = limits;
        this.selfBounded = selfBounded;
    }

    <T> T run(String department, Supplier<T> call) {
        CallLimits limit = limits.apply(department);
        Bulkhead share = shares.bulkhead(department, () -> BulkheadConfig.custom()
                .maxConcurrentCalls(limit.maxConcurrentCalls()).maxWaitDuration(Duration.ZERO).build());
        if (!share.tryAcquirePermission()) {
            throw busy(limit);
        }
        if (selfBounded.test(department)) {
            try {
                return call.get();
            } finally {
                share.onComplete();
            }
        }
        Map<String, String> context = MDC.getCopyOfContextMap();
        Future<T> running;
        try {
            running = lane(department).submit(() -> {
                if (context != null) {
                    MDC.setContextMap(context);
                }
                try {
                    return call.get();
                } finally {
                    MDC.clear();
                    share.onComplete(); // only now: an abandoned call keeps its place until it has really ended
                }
            });
        } catch (RejectedExecutionException stopping) {
            share.onComplete();
            throw busy(limit);
        }
        try {
            return running.get(limit.deadline().plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new ExchangeFailure(HttpStatus.GATEWAY_TIMEOUT, "DEPARTMENT_TIMEOUT",
                    "the department did not answer in time");
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExchangeFailure(HttpStatus.SERVICE_UNAVAILABLE, "DEPARTMENT_UNAVAILABLE", "the call was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ExchangeFailure busy(CallLimits limit) {
        return new ExchangeFailure(HttpStatus.SERVICE_UNAVAILABLE, "DEPARTMENT_BUSY", "the department has "
                + limit.maxConcurrentCalls() + " calls in flight, its share of the hub; try again shortly", 1);
    }

    /** The lane's threads: as many as calls in flight, which the share bounds; idle ones end after a minute. */
    private ThreadPoolExecutor lane(String department) {
        return lanes.computeIfAbsent(department, d -> {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), task -> {
                        Thread thread = new Thread(task, "department-" + d + "-" + n.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            return executor;
        });
    }

    void shutdown() {
        lanes.values().forEach(ThreadPoolExecutor::shutdownNow);
    }
}
