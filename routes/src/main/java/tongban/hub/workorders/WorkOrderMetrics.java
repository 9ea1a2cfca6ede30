package tongban.hub.workorders;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open work orders per department as gauges, sampled after each deadline watch:
 * {@code tongban_work_orders_open}, {@code tongban_work_orders_escalated} (督办 — the chart's alert rule fires on
 * it) and {@code tongban_work_orders_late} (open and already past a deadline).
 */
@Component
class WorkOrderMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderMetrics.class);

    private final WorkOrders orders;
    private final MeterRegistry registry;
    private final Map<String, long[]> figures = new ConcurrentHashMap<>();

    WorkOrderMetrics(WorkOrders orders, MeterRegistry registry) {
        this.orders = orders;
        this.registry = registry;
    }

    @Scheduled(initialDelayString = "${tongban.work-orders.watch-every:10s}",
            fixedDelayString = "${tongban.work-orders.watch-every:10s}")
    void sample() {
        Map<String, long[]> now;
        try {
            now = orders.openByDepartment();
        } catch (DataAccessException databaseDown) {
            LOG.debug("work-order gauges not sampled: {}", databaseDown.getMessage());
            return;
        }
        figures.keySet().forEach(d -> figures.put(d, now.getOrDefault(d, new long[3])));
        now.forEach((department, f) -> {
            if (figures.put(department, f) == null) {
                register(department);
            }
        });
    }

    private void register(String department) {
        String[] names = {"tongban.work.orders.open", "tongban.work.orders.escalated", "tongban.work.orders.late"};
        String[] help = {"open work orders", "open work orders escalated (督办): a response or finishing deadline close or passed",
                "open work orders already past a deadline"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            Gauge.builder(names[i], figures, f -> f.getOrDefault(department, new long[3])[index])
                    .description(help[i]).tag("department", department).register(registry);
        }
    }
}
