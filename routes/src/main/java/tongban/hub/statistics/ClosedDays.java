package tongban.hub.statistics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counted figures of days before today, kept for a while ({@code tongban.statistics.closed-days-for}, 10
 * minutes): a year's report reads the day columns of a year once in that time, and only today's rows on every
 * look. Most of a past day no longer changes; what still may — a work order received yesterday answered today, a
 * department's late notice — shows in a report once that day's figures are counted again, within that time. Today is
 * never kept.
 */
@Component
class ClosedDays {

    /** Every department's figures of one day, and when they were counted. */
    private record Day(Map<String, Figures> departments, long countedAt) {
    }

    private static final int MAX_DAYS = 4000;

    private final StatisticsStore store;
    private final long keepNanos;
    private final Map<LocalDate, Day> days = new ConcurrentHashMap<>();

    ClosedDays(StatisticsStore store, @Value("${tongban.statistics.closed-days-for:10m}") Duration keep) {
        this.store = store;
        this.keepNanos = keep.toNanos();
    }

    /**
     * Hands {@code rows} every department's figures of each day of {@code from}..{@code to} (all before today),
     * counting again, in one pass per run of days, those not kept or kept too long.
     */
    void count(LocalDate from, LocalDate to, StatisticsStore.Rows rows) {
        long now = System.nanoTime();
        Map<LocalDate, Day> these = new HashMap<>();
        LocalDate runFrom = null;
        for (LocalDate d = from; !d.isAfter(to.plusDays(1)); d = d.plusDays(1)) {
            Day kept = d.isAfter(to) ? null : days.get(d);
            boolean stale = !d.isAfter(to) && (kept == null || now - kept.countedAt() > keepNanos);
            if (!stale && kept != null) {
                these.put(d, kept);
            }
            if (stale && runFrom == null) {
                runFrom = d;
            } else if (!stale && runFrom != null) {
                these.putAll(recount(runFrom, d.minusDays(1), now));
                runFrom = null;
            }
        }
        these.forEach((day, kept) -> kept.departments()
                .forEach((department, f) -> rows.accept(new StatisticsStore.Key(department, day), f)));
    }

    private Map<LocalDate, Day> recount(LocalDate from, LocalDate to, long now) {
        Map<LocalDate, Map<String, Figures>> counted = new HashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            counted.put(d, new HashMap<>());
        }
        store.count(from, to, null, (key, f) -> counted.get(key.day())
                .computeIfAbsent(key.department(), x -> new Figures()).add(f));
        if (days.size() + counted.size() > MAX_DAYS) {
            days.clear(); // a few thousand days at most: start again rather than keep every range ever asked
        }
        Map<LocalDate, Day> recounted = new HashMap<>();
        counted.forEach((d, departments) -> recounted.put(d, new Day(departments, now)));
        days.putAll(recounted);
        return recounted;
    }
}
