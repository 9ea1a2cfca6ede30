package tongban.hub.statistics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Past days counted once, then read as kept until they are too old to trust; each run of missing days in one pass. */
class ClosedDaysTest {

    /** Counts one case accepted per day and department, and notes every range it was asked to count. */
    static final class CountingStore extends StatisticsStore {
        final List<String> asked = new ArrayList<>();

        CountingStore() {
            super(null);
        }

        @Override
        void count(LocalDate from, LocalDate to, String department, Rows rows) {
            asked.add(from + ".." + to);
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                for (String dept : List.of("tax", "real-estate")) {
                    Figures f = new Figures();
                    f.accepted = 1;
                    rows.accept(new Key(dept, d), f);
                }
            }
        }
    }

    private static long accepted(ClosedDays days, String from, String to) {
        Figures total = new Figures();
        days.count(LocalDate.parse(from), LocalDate.parse(to), (key, f) -> total.add(f));
        return total.accepted();
    }

    @Test
    void daysCountedOnceAreReadAsKeptAndOnlyTheMissingRunsAreCounted() {
        CountingStore store = new CountingStore();
        ClosedDays days = new ClosedDays(store, Duration.ofMinutes(10));

        assertThat(accepted(days, "2020-01-01", "2020-01-10")).isEqualTo(20);
        assertThat(accepted(days, "2020-01-05", "2020-01-15")).isEqualTo(22);
        assertThat(accepted(days, "2019-12-30", "2020-01-20")).isEqualTo(44);
        assertThat(store.asked).containsExactly("2020-01-01..2020-01-10", "2020-01-11..2020-01-15",
                "2019-12-30..2019-12-31", "2020-01-16..2020-01-20");
    }

    @Test
    void daysKeptTooLongAreCountedAgain() {
        CountingStore store = new CountingStore();
        ClosedDays days = new ClosedDays(store, Duration.ZERO);

        accepted(days, "2020-02-28", "2020-03-01");
        accepted(days, "2020-02-28", "2020-03-01");
        assertThat(store.asked).containsExactly("2020-02-28..2020-03-01", "2020-02-28..2020-03-01");
    }
}
