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
    private volatile ChannelFigures channels;
    private boolean channelGaugesRegistered;

    StatisticsMetrics(Statistics statistics, MeterRegistry registry) {
        this.statistics = statistics;
        this.registry = registry;
    }

    /**
     * This month's channel figures: {@code tongban_statistics_applications{channel}} (网上申报 online and mobile,
     * 窗口接件 window, hotline), {@code tongban_statistics_appointments{state}}, {@code
     * tongban_statistics_results_posted}, {@code tongban_statistics_pledges{state}}.
     */
    private void channelGauges() {
        if (channelGaugesRegistered) {
            return;
        }
        channelGaugesRegistered = true;
        Map<String, Function<ChannelFigures, Number>> applications = Map.of(
                "online", c -> c.applications().online() - c.applications().mobile(),
                "mobile", c -> c.applications().mobile(), "window", c -> c.applications().window(),
                "hotline", c -> c.applications().hotline());
        applications.forEach((channel, figure) -> Gauge.builder("tongban.statistics.applications", this,
                        m -> figure.apply(m.channels).doubleValue()).tag("channel", channel)
                .description("applications this month (Beijing) by channel").register(registry));
        Map<String, Function<ChannelFigures, Number>> appointments = Map.of(
                "booked", c -> c.appointments().booked(), "kept", c -> c.appointments().kept(),
                "not_kept", c -> c.appointments().notKept());
        appointments.forEach((state, figure) -> Gauge.builder("tongban.statistics.appointments", this,
                        m -> figure.apply(m.channels).doubleValue()).tag("state", state)
                .description("appointments this month (Beijing), by their slot's day").register(registry));
        Gauge.builder("tongban.statistics.results.posted", this, m -> m.channels.results().posted())
                .description("results posted this month (Beijing)").register(registry);
        Map<String, Function<ChannelFigures, Number>> pledges = Map.of(
                "approved", c -> c.pledges().approved(), "checked", c -> c.pledges().checked(),
                "checked_on_time", c -> c.pledges().checkedOnTime(), "revoked", c -> c.pledges().revoked());
        pledges.forEach((state, figure) -> Gauge.builder("tongban.statistics.pledges", this,
                        m -> figure.apply(m.channels).doubleValue()).tag("state", state)
                .description("告知承诺 this month (Beijing)").register(registry));
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
        if (report.channels() != null) {
            channels = report.channels();
            channelGauges();
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
