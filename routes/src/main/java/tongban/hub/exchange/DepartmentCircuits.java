package tongban.hub.exchange;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The departments' circuit breakers as a bean: the guard trips them, monitoring reads them. */
@Configuration
class DepartmentCircuits {

    @Bean
    CircuitBreakerRegistry departmentCircuitBreakers(ResilienceProperties properties) {
        return DepartmentGuard.circuitsFor(properties);
    }
}
