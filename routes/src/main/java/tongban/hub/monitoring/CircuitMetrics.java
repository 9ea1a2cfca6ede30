package tongban.hub.monitoring;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.ServiceRegistry;

/**
 * The departments' circuit breakers on {@code /actuator/prometheus} ({@code resilience4j_circuitbreaker_state}
 * and friends, tag {@code name} = department); every department's breaker exists from the start, so a department
 * nobody called yet shows as closed rather than missing.
 */
@Component
class CircuitMetrics {

    CircuitMetrics(CircuitBreakerRegistry circuits, ServiceRegistry registry, MeterRegistry meters) {
        registry.departments().forEach(circuits::circuitBreaker);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuits).bindTo(meters);
    }
}
