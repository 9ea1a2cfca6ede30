package tongban.hub.exchange;

import tongban.hub.problem.ExchangeFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tongban.adapters.support.ServiceDefinition;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DepartmentGuardTest {

    private static final ServiceDefinition READ = ServiceDefinition.publicRead("item-library", "items", "事项清单");
    private static final ServiceDefinition OTHER = ServiceDefinition.publicRead("public-security", "x", "x");

    private final DepartmentGuard guard = new DepartmentGuard(new ResilienceProperties(50, 4, 4,
            Duration.ofMillis(300), 1, 3, Map.of("busy-client", 1)),
            department -> tongban.adapters.support.CallLimits.defaults(Duration.ofSeconds(2)));
    private final AtomicInteger departmentCalls = new AtomicInteger();

    private Supplier<String> failing(String code) {
        return () -> {
            departmentCalls.incrementAndGet();
            throw new ExchangeFailure(HttpStatus.BAD_GATEWAY, code, "x");
        };
    }

    private Supplier<String> healthy() {
        return () -> {
            departmentCalls.incrementAndGet();
            return "ok";
        };
    }

    private String outcome(ServiceDefinition service, Supplier<String> call) {
        try {
            return guard.call(service, true, call);
        } catch (ExchangeFailure failure) {
            return failure.code() + (failure.retryAfterSeconds() == null ? "" : " retry-after " + failure.retryAfterSeconds());
        }
    }

    @Test
    void aFailingDepartmentIsCutOffThenTriedAgainAndClosedWhenHealthy() {
        for (int i = 0; i < 4; i++) {
            assertThat(outcome(READ, failing("DEPARTMENT_TIMEOUT"))).isEqualTo("DEPARTMENT_TIMEOUT");
        }
        int callsWhenOpened = departmentCalls.get();

        assertThat(outcome(READ, healthy())).isEqualTo("CIRCUIT_OPEN retry-after 1");
        assertThat(departmentCalls).as("an open circuit does not call the department").hasValue(callsWhenOpened);
        assertThat(outcome(OTHER, healthy())).as("other departments are not affected").isEqualTo("ok");

        await().atMost(Duration.ofSeconds(3)).until(() -> "ok".equals(outcome(READ, healthy())));
        assertThat(guard.state("item-library")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void callersBadInputNeverOpensTheCircuit() {
        for (int i = 0; i < 10; i++) {
            outcome(READ, failing("INVALID_REQUEST"));
            outcome(READ, failing("RECORD_NOT_FOUND"));
        }
        assertThat(guard.state("item-library")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aReadThatCouldNotConnectIsRetriedOnceButA503OrATimeoutIsNot() {
        AtomicInteger attempts = new AtomicInteger();
        String result = guard.call(READ, true, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new DepartmentCall.Unreachable();
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(2);

        outcome(READ, failing("DEPARTMENT_UNAVAILABLE")); // the department answered 503: it was reached
        outcome(READ, failing("DEPARTMENT_TIMEOUT"));
        assertThat(departmentCalls).hasValue(2);
    }

    @Test
    void theQueuesDoNotRetryAtOnceTheBrokerDoesLater() {
        AtomicInteger attempts = new AtomicInteger();
        try {
            guard.call(READ, false, () -> {
                attempts.incrementAndGet();
                throw new DepartmentCall.Unreachable();
            });
        } catch (ExchangeFailure expected) {
            assertThat(expected.code()).isEqualTo("DEPARTMENT_UNAVAILABLE");
        }
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aClientOverItsRateIsRefusedWith429() {
        guard.admit("busy-client");
        try {
            guard.admit("busy-client");
        } catch (ExchangeFailure failure) {
            assertThat(failure.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(failure.code()).isEqualTo("RATE_LIMITED");
            assertThat(failure.retryAfterSeconds()).isEqualTo(1);
            return;
        }
        throw new AssertionError("the second call within the second should have been refused");
    }
}
