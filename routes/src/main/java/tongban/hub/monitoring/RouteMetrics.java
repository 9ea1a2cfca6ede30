package tongban.hub.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Camel's route figures on {@code /actuator/prometheus}, per route id: {@code camel_exchanges_total},
 * {@code camel_exchanges_succeeded_total}, {@code camel_exchanges_failed_total} and the time an exchange spent in the
 * route ({@code camel_route_policy_seconds}) — the names camel-micrometer's route policy used, kept for dashboards and
 * alerts, measured here directly with Micrometer (camel-micrometer is not served for Camel 4.22). The meters of a
 * route are made once, when the route is; an exchange costs two counter increments and one timer record.
 */
@Component
class RouteMetrics implements RoutePolicyFactory {

    private static final String STARTED = RouteMetrics.class.getName() + ".started";

    private final MeterRegistry registry;

    RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new Policy(registry, routeId, Tags.of("camelContext", camelContext.getName(), "routeId", routeId));
    }

    private static final class Policy extends RoutePolicySupport {

        /** The exchange property holding when the exchange entered this route (routes nest: one key per route). */
        private final String started;
        private final Counter total;
        private final Counter succeeded;
        private final Counter failed;
        private final Timer time;

        Policy(MeterRegistry registry, String routeId, Tags tags) {
            started = STARTED + routeId;
            total = Counter.builder("camel.exchanges.total").description("exchanges that entered the route")
                    .tags(tags).register(registry);
            succeeded = Counter.builder("camel.exchanges.succeeded").description("exchanges the route completed")
                    .tags(tags).register(registry);
            failed = Counter.builder("camel.exchanges.failed").description("exchanges that failed in the route")
                    .tags(tags).register(registry);
            time = Timer.builder("camel.route.policy").description("time an exchange spent in the route")
                    .tags(tags).register(registry);
        }

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            exchange.setProperty(started, System.nanoTime());
            total.increment();
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            Long at = exchange.getProperty(started, Long.class);
            if (at != null) {
                time.record(System.nanoTime() - at, TimeUnit.NANOSECONDS);
            }
            (exchange.isFailed() ? failed : succeeded).increment();
        }
    }
}
