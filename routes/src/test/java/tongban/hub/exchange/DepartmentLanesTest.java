package tongban.hub.exchange;

import tongban.hub.problem.ExchangeFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tongban.adapters.support.CallLimits;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A department's share of the hub and the one deadline per call, with calls that hang until the test lets them go. */
class DepartmentLanesTest {

    private static final CallLimits TWO_AT_ONCE = new CallLimits(Duration.ofSeconds(1), Duration.ofMillis(200),
            1024, 2);

    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private final CountDownLatch letGo = new CountDownLatch(1);

    @AfterEach
    void stop() {
        letGo.countDown();
        callers.shutdownNow();
    }

    private String hang() {
        try {
            letGo.await();
        } catch (InterruptedException e) {
            // an abandoned call is interrupted; it still ends only when the department lets go
            try {
                letGo.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
        }
        return "late";
    }

    @Test
    void anAbandonedCallKeepsItsPlaceUntilItHasReallyEndedSoTheShareIsNeverExceeded() throws Exception {
        DepartmentLanes lanes = new DepartmentLanes(d -> TWO_AT_ONCE, d -> false);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> lanes.run("hanging", this::hang)).isInstanceOfSatisfying(ExchangeFailure.class,
                    f -> assertThat(f.code()).isEqualTo("DEPARTMENT_TIMEOUT"));
        }
        // both callers gave up at the deadline, but their calls still hang: the lane is full
        assertThatThrownBy(() -> lanes.run("hanging", () -> "fresh")).isInstanceOfSatisfying(ExchangeFailure.class,
                f -> assertThat(f.code()).isEqualTo("DEPARTMENT_BUSY"));
        assertThat(lanes.run("another", () -> "answered")).as("another department's lane is its own")
                .isEqualTo("answered");

        letGo.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            try {
                return "fresh".equals(lanes.run("hanging", () -> "fresh"));
            } catch (ExchangeFailure busy) {
                return false;
            }
        });
        lanes.shutdown();
    }

    @Test
    void aSelfBoundedAdapterRunsOnTheCallersThreadWithinItsShare() throws Exception {
        DepartmentLanes lanes = new DepartmentLanes(d -> TWO_AT_ONCE, d -> true);
        CountDownLatch started = new CountDownLatch(2);
        Thread caller = Thread.currentThread();
        assertThat(lanes.run("soap", () -> Thread.currentThread() == caller)).isTrue();

        Future<?> first = callers.submit(() -> lanes.run("soap", () -> { started.countDown(); return hang(); }));
        Future<?> second = callers.submit(() -> lanes.run("soap", () -> { started.countDown(); return hang(); }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> lanes.run("soap", () -> "third")).isInstanceOfSatisfying(ExchangeFailure.class,
                f -> assertThat(f.code()).isEqualTo("DEPARTMENT_BUSY"));
        letGo.countDown();
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        assertThat(lanes.run("soap", () -> "third")).isEqualTo("third");
    }
}
