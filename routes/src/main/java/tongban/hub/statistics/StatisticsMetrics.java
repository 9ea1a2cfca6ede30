package tongban.hub.statistics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tongban.hub.web.BeijingTime;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * This month's figures as Prometheus gauges per department ({@code tongban_statistics_*{department}}, the same
 * counting as the statistics page), refreshed every {@code tongban.statistics.gauges-every} (5 minutes).
 */
@Component
class StatisticsMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(StatisticsMetrics.class);
    private static final Map<String, Function<Report.Scope, Number>> GAUGES = Map.of(
            "tongban.statistics.cases.accepted", s -> s.cases().accepted(),
            "tongban.statistics.cases.finished", s -> s.cases().finished(),
            "tongban.statistics.cases.finished.early", s -> s.cases().finishedEarly(),
            "tongban.statistics.cases.overdue", s -> s.cases().overdue(),
            "tongban.statistics.ratings", s -> s.ratings().total(),
            "tongban.statistics.ratings.good", s -> s.ratings().good(),
            "tongban.statistics.work.orders.received", s -> s.workOrders().received(),
            "tongban.statistics.work.orders.responded.in.time", s -> s.workOrders().respondedInTime(),
            "tongban.statistics.work.orders.satisfied", s -> s.workOrders().satisfied(),
            "tongban.statistics.work.orders.asked", s -> s.workOrders().asked());

    private final Statistics statistics;
    private final MeterRegistry registry;
    private final Map<String, Report.Scope> month = new ConcurrentHashMap<>();

    StatisticsMetrics(Statistics statistics, MeterRegistry registry) {
        this.statistics = statistics;
        this.registry = registry;
    }

    @Scheduled(initialDelayString = "${tongban.statistics.gauges-every:5m}",
            fixedDelayString = "${tongban.statistics.gauges-every:5m}")
    void refresh() {
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        Report report;
        try {
            report = statistics.report(today.withDayOfMonth(1), today, null);
        } catch (DataAccessException databaseDown) {
            LOG.debug("statistics gauges not refreshed: {}", databaseDown.getMessage());
            return;
        }
        month.replaceAll((d, s) -> Report.Scope.of(d, s.name(), new Figures())); // a department quiet this month: 0
        for (Report.Scope s : report.departments()) {
            if (month.put(s.key(), s) == null) {
                GAUGES.forEach((name, figure) -> Gauge.builder(name, month,
                                m -> figure.apply(m.getOrDefault(s.key(), s)).doubleValue())
                        .description("this month so far (Beijing), as on the statistics page").tag("department", s.key())
                        .register(registry));
            }
        }
    }
}
