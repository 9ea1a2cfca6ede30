package tongban.hub.exchange;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.adapters.support.CallLimits;
import tongban.adapters.support.ServiceDefinition;
import tongban.hub.problem.ExchangeFailure;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Protects departments from the hub and the hub from its clients: a circuit breaker per department
 * (open → 503 {@code CIRCUIT_OPEN} with {@code Retry-After}, the department is not called), a lane per department
 * ({@link DepartmentLanes}: its share of the hub, and one deadline per call), one retry of an idempotent read that
 * could not even connect, and a rate limit per client (429 {@code RATE_LIMITED}). Only the department's own trouble
 * counts against its circuit — never a caller's bad input, nor its lane being full.
 */
@Component
class DepartmentGuard {

    /** Outcomes that say the department is unwell. */
    private static final Set<String> DEPARTMENT_FAILURES =
            Set.of("DEPARTMENT_ERROR", "DEPARTMENT_UNAVAILABLE", "DEPARTMENT_TIMEOUT", "DEPARTMENT_AUTH_FAILED",
                    "DEPARTMENT_ANSWER_TOO_LARGE");

    private final CircuitBreakerRegistry circuits;
    private final RateLimiterRegistry limiters;
    private final ResilienceProperties properties;
    private final DepartmentLanes lanes;

    @Autowired
    DepartmentGuard(ResilienceProperties properties, CircuitBreakerRegistry circuits, ServiceRegistry registry) {
        this(properties, circuits, new DepartmentLanes(registry::limits, registry::boundsItsOwnCalls));
    }

    DepartmentGuard(ResilienceProperties properties, CircuitBreakerRegistry circuits, DepartmentLanes lanes) {
        this.properties = properties;
        this.circuits = circuits;
        this.limiters = RateLimiterRegistry.ofDefaults();
        this.lanes = lanes;
    }

    DepartmentGuard(ResilienceProperties properties, Function<String, CallLimits> limits) {
        this(properties, circuitsFor(properties), new DepartmentLanes(limits, department -> false));
    }

    @PreDestroy
    void stop() {
        lanes.shutdown();
    }

    /** One circuit breaker per department, named after it (its state is also on the ops console and in metrics). */
    static CircuitBreakerRegistry circuitsFor(ResilienceProperties properties) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRatePercent())
                .slidingWindowSize(properties.slidingWindowCalls())
                .minimumNumberOfCalls(properties.minimumCalls())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(properties.halfOpenCalls())
                // half-open by itself after openFor: the submissions set aside while it was open are tried then
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
    }

    /** @throws ExchangeFailure 429 when the client is over its rate */
    void admit(String clientId) {
        String key = clientId == null ? "(none)" : clientId;
        RateLimiter limiter = limiters.rateLimiter(key, () -> RateLimiterConfig.custom()
                .limitForPeriod(properties.ratePerSecond().getOrDefault(key, properties.defaultRatePerSecond()))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        if (!limiter.acquirePermission()) {
            throw new ExchangeFailure(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                    "client '" + key + "' is over its rate limit", 1);
        }
    }

    /**
     * Runs a department call under the department's circuit breaker.
     *
     * @param retryUnreachable whether an idempotent read that could not connect is tried once more at once
     *                         (the synchronous exchange; the queues have the broker's back-off instead)
     */
    <T> T call(ServiceDefinition service, boolean retryUnreachable, Supplier<T> departmentCall) {
        CircuitBreaker circuit = circuits.circuitBreaker(service.department());
        if (!circuit.tryAcquirePermission()) {
            throw new ExchangeFailure(HttpStatus.SERVICE_UNAVAILABLE, "CIRCUIT_OPEN",
                    "the department is failing; the hub is not calling it for now",
                    (int) Math.max(1, properties.openFor().toSeconds()));
        }
        long started = System.nanoTime();
        try {
            T result = lanes.run(service.department(),
                    () -> retryUnreachable ? attempt(service, departmentCall) : departmentCall.get());
            circuit.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return result;
        } catch (ExchangeFailure failure) {
            if (DEPARTMENT_FAILURES.contains(failure.code())) {
                circuit.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
            } else {
                circuit.releasePermission();
            }
            throw failure;
        }
    }

    /** A read that could not connect is retried once: nothing reached the department, so nothing is repeated. */
    private static <T> T attempt(ServiceDefinition service, Supplier<T> departmentCall) {
        try {
            return departmentCall.get();
        } catch (ExchangeFailure failure) {
            if (service.idempotentRead() && failure instanceof DepartmentCall.Unreachable) {
                return departmentCall.get();
            }
            throw failure;
        }
    }

    /** How long to leave a department alone: its circuit's open time while it is open, else zero. */
    Duration resting(String department) {
        CircuitBreaker.State state = circuits.circuitBreaker(department).getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
                ? properties.openFor() : Duration.ZERO;
    }

    CircuitBreaker.State state(String department) {
        return circuits.circuitBreaker(department).getState();
    }
}
