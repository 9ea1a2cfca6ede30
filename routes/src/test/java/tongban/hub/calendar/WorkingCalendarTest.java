package tongban.hub.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Due dates counted by hand on the State Council's 2020 and 2026 calendars: the day of acceptance is not counted,
 * holidays are skipped, adjusted working weekends (调休) count.
 */
class WorkingCalendarTest {

    private final WorkingCalendar calendar = WorkingCalendar.fromClasspath();

    @ParameterizedTest(name = "accepted {0}, {1} working days → due {2}")
    @CsvSource({
            // 2026 Spring Festival: 15–23 Feb off; Sat 14 Feb works. Fri 13: 14(Sat), 24, 25, 26, 27
            "2026-02-13, 5, 2026-02-27",
            "2026-02-12, 1, 2026-02-13",
            "2026-02-13, 1, 2026-02-14",
            // Sat 28 Feb 2026 works: Fri 27 + 1 is that Saturday
            "2026-02-27, 1, 2026-02-28",
            // 2026 National Day: 1–7 Oct off; Sun 20 Sep and Sat 10 Oct work
            "2026-09-30, 3, 2026-10-10",
            "2026-09-18, 2, 2026-09-21",
            "2026-09-24, 1, 2026-09-28",       // Mid-Autumn 25–27 Sep
            // 2020 Spring Festival, extended to 2 Feb (the 1 Feb working Saturday cancelled); Sun 19 Jan works
            "2020-01-17, 3, 2020-01-21",
            "2020-01-23, 2, 2020-02-04",
            // 2020 National Day and Mid-Autumn: 1–8 Oct off; Sat 10 Oct works; twenty days across a month end
            "2020-09-30, 20, 2020-11-04",
            // a month end without holidays
            "2026-11-27, 2, 2026-12-01",
            // 即办: the same working day, or the next one after a day off
            "2026-11-30, 0, 2026-11-30",
            "2026-11-29, 0, 2026-11-30",
            "2026-10-03, 0, 2026-10-08",
    })
    void dueDates(LocalDate accepted, int days, LocalDate due) {
        assertThat(calendar.dueDate(accepted, days)).isEqualTo(due);
    }

    @Test
    void workingDaysBetweenCountsTheDaysAfterTheFirst() {
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2026-02-13"), LocalDate.parse("2026-02-27"))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2026-02-27"), LocalDate.parse("2026-02-13"))).isEqualTo(-5);
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-07"))).isZero();
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2020-09-30"), LocalDate.parse("2020-11-04"))).isEqualTo(20);
    }

    @Test
    void holidaysAndAdjustedWeekendsAreKnownByName() {
        assertThat(calendar.holiday(LocalDate.parse("2026-02-17"))).isEqualTo("春节");
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-14"))).isTrue();      // a Saturday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2020-02-01"))).isFalse();     // its 调休 was cancelled
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-05"))).isFalse();     // an ordinary Saturday
    }

    @Test
    void aYearWithoutItsNoticeCountsTheWeekAndSaysItIsNotPublished() {
        // 31 Dec 2026 (Thu) = 1, 1 Jan 2027 (Fri, no 2027 notice on file: counted) = 2, 4 Jan (Mon) = 3
        assertThat(calendar.dueDate(LocalDate.parse("2026-12-30"), 3)).isEqualTo("2027-01-04");
        assertThat(calendar.isPublished(LocalDate.parse("2027-01-01"))).isFalse();
        assertThat(calendar.isPublished(LocalDate.parse("2026-12-31"))).isTrue();
    }
}
