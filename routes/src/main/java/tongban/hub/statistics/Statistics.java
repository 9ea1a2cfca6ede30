package tongban.hub.statistics;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.web.BeijingTime;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform's figures for a date range (Beijing days, both ends included), by department and by month, counted
 * from the platform's own records: cases, ratings, work orders. Read-only.
 */
@Service
public class Statistics {

    /** The longest range one report covers. */
    static final int MAX_DAYS = 3 * 366;

    private final StatisticsStore store;
    private final ClosedDays closedDays;
    private final ServiceRegistry registry;
    private final Channels channels;

    Statistics(StatisticsStore store, ClosedDays closedDays, ServiceRegistry registry, Channels channels) {
        this.channels = channels;
        this.store = store;
        this.closedDays = closedDays;
        this.registry = registry;
    }

    /**
     * @param department one department, or null for all
     * @throws ExchangeFailure 400 for a range that is backwards or too long, or a department not on the exchange
     */
    public Report report(LocalDate from, LocalDate to, String department) {
        check(from, to, department);
        Figures total = new Figures();
        Map<String, Figures> departments = new TreeMap<>();
        Map<YearMonth, Figures> months = new TreeMap<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            months.put(m, new Figures()); // every month of the range, counted or not
        }
        StatisticsStore.Rows rows = (key, f) -> {
            if (department != null && !department.equals(key.department())) {
                return;
            }
            total.add(f);
            departments.computeIfAbsent(key.department(), d -> new Figures()).add(f);
            months.get(YearMonth.from(key.day())).add(f);
        };
        // the days before today as last counted (kept a while), today's rows as they are now
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        if (from.isBefore(today)) {
            closedDays.count(from, to.isBefore(today) ? to : today.minusDays(1), rows);
        }
        if (!to.isBefore(today)) {
            store.count(from.isAfter(today) ? from : today, to, department, rows);
        }
        List<Report.Scope> byDepartment = new ArrayList<>();
        departments.forEach((d, f) -> byDepartment.add(Report.Scope.of(d, registry.title(d), f)));
        List<Report.Scope> byMonth = new ArrayList<>();
        months.forEach((m, f) -> byMonth.add(Report.Scope.of(m.toString(), m.getYear() + "年" + m.getMonthValue() + "月", f)));
        return new Report(from, to, department, department == null ? "全部部门" : registry.title(department),
                Report.Scope.of("total", "合计", total), byDepartment, byMonth,
                department == null ? channels.count(from, to) : null);
    }

    /** The departments one may ask about (those on the exchange, without the systems that are not departments). */
    public List<String> departments() {
        return registry.departments();
    }

    public String title(String department) {
        return registry.title(department);
    }

    void check(LocalDate from, LocalDate to, String department) {
        if (to.isBefore(from)) {
            throw ExchangeFailure.invalid("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ExchangeFailure.invalid("a report covers at most " + MAX_DAYS + " days; ask for a shorter range");
        }
        if (department != null && !registry.departments().contains(department)) {
            throw new ExchangeFailure(HttpStatus.BAD_REQUEST, "UNKNOWN_DEPARTMENT",
                    "there is no department '" + department + "' on the exchange");
        }
    }
}
