package tongban.hub.exchange.async;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A department's queue consumers stop taking submissions while its circuit is open — they would only spend attempts
 * on a department known to be down — and start again when the circuit lets a trial call through (half-open): the
 * submissions wait on the queue meanwhile, and are delivered when the department is back, without an operator.
 */
@Component
class ConsumerPause {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerPause.class);

    /** Suspending a route waits for its exchanges in flight; never from one of them (the one that opened it). */
    private final ExecutorService switcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "consumer-pause");
        t.setDaemon(true);
        return t;
    });
    private final CamelContext camel;

    ConsumerPause(CircuitBreakerRegistry circuits, DepartmentQueues queues, CamelContext camel) {
        this.camel = camel;
        for (String department : queues.departments()) {
            circuits.circuitBreaker(department).getEventPublisher().onStateTransition(event -> {
                CircuitBreaker.State to = event.getStateTransition().getToState();
                if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                    switcher.execute(() -> pause(department));
                } else if (to == CircuitBreaker.State.HALF_OPEN || to == CircuitBreaker.State.CLOSED) {
                    switcher.execute(() -> resume(department));
                }
            });
        }
    }

    private void pause(String department) {
        try {
            camel.getRouteController().suspendRoute(route(department));
            LOG.info("{}'s circuit is open: its queue consumers pause, submissions wait on the queue", department);
        } catch (Exception e) {
            LOG.warn("could not pause the consumers of {}: {}", department, e.toString());
        }
    }

    private void resume(String department) {
        try {
            if (camel.getRouteController().getRouteStatus(route(department)).isSuspended()) {
                camel.getRouteController().resumeRoute(route(department));
                LOG.info("{}'s circuit lets calls through again: its queue consumers resume", department);
            }
        } catch (Exception e) {
            LOG.warn("could not resume the consumers of {}: {}", department, e.toString());
        }
    }

    static String route(String department) {
        return "submissions-" + department;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        switcher.shutdownNow();
    }
}
