package tongban.hub.appointments;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.halls.Halls;
import tongban.hub.support.MovableClock;
import tongban.hub.support.TestPostgres;
import tongban.sso.identity.Caller;
import tongban.sso.identity.RealNameLevel;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 网上预约 against the real databases, H2 (the embedded default) and PostgreSQL (production), with the city's own
 * halls file and working calendar and a clock the test sets: never over-booked however many book the last places at
 * once, no slots on holidays and slots on a 调休 Saturday, the cancel cut-off, and the no-show rule in words.
 */
class AppointmentsTest {

    private static final String HALL = "hk-zwzx";
    private static final String ID_CARD = "11460100008256386X4000105001000";
    private static final Offers OFFERS = new Offers() {
        @Override
        public Optional<Offered> find(String kind, String id) {
            return kind.equals("item") && id.equals(ID_CARD) ? Optional.of(new Offered("id-card-renewal", "居民身份证换领"))
                    : Optional.empty();
        }

        @Override
        public Set<String> fileIds() {
            return Set.of("id-card-renewal", "driving-licence-renewal", "company-seal", "enterprise-establishment",
                    "new-taxpayer", "employer-insurance", "contribution-certificate", "resident-pension",
                    "deed-tax-declaration", "property-transfer-registration", "enterprise-opening", "property-transfer");
        }
    };

    private final MovableClock clock = new MovableClock();
    private String postgres;

    @AfterEach
    void dropPostgres() throws Exception {
        if (postgres != null) {
            TestPostgres.drop(postgres);
        }
    }

    private Appointments onH2(Path dir) {
        return appointments(new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("hub") + ";WRITE_DELAY=0",
                "tongban", ""), "classpath:db/migration");
    }

    private Appointments onPostgres() throws Exception {
        postgres = TestPostgres.freshDatabase("appointments");
        return appointments(new DriverManagerDataSource(postgres, TestPostgres.USER, TestPostgres.PASSWORD),
                "classpath:db/migration", "classpath:db/vendor/postgresql");
    }

    private Appointments appointments(DriverManagerDataSource db, String... migrations) {
        Flyway.configure().dataSource(db).locations(migrations).load().migrate();
        return new Appointments(new AppointmentStore(new JdbcTemplate(db)), Halls.fromClasspath(),
                WorkingCalendar.fromClasspath(), OFFERS, new TransactionTemplate(new DataSourceTransactionManager(db)),
                clock);
    }

    private static Caller citizen(int n) {
        return new Caller("subject-" + n, "citizen" + n, "tongban-portal", idNumber(n), RealNameLevel.SELF_DECLARED, 2,
                Set.of(Caller.CITIZEN), null, null);
    }

    /** Valid resident id numbers (check digit computed), one per person. */
    static String idNumber(int n) {
        String body = "46010019800101" + String.format("%03d", n);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static Appointments.Booking booking(String day, String time) {
        return new Appointments.Booking(HALL, LocalDate.parse(day), LocalTime.parse(time), "item", ID_CARD, null);
    }

    @Test
    void fiftyPeopleBookingTheThreePlacesOfASlotAtOnceGetExactlyThreeOnH2(@TempDir Path dir) throws Exception {
        neverOverBooked(onH2(dir));
    }

    @Test
    void fiftyPeopleBookingTheThreePlacesOfASlotAtOnceGetExactlyThreeOnPostgres() throws Exception {
        neverOverBooked(onPostgres());
    }

    private void neverOverBooked(Appointments appointments) throws Exception {
        clock.setBeijing("2026-12-07T10:00"); // a Monday
        int people = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(people);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int n = 1; n <= people; n++) {
            Caller caller = citizen(n);
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    appointments.book(caller, "市民", booking("2026-12-08", "09:30"));
                    return "BOOKED";
                } catch (AppointmentFailure refused) {
                    return refused.code() + ":" + refused.words();
                }
            }));
        }
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        pool.shutdown();

        assertThat(results).filteredOn("BOOKED"::equals).hasSize(3);
        assertThat(results).filteredOn(r -> !r.equals("BOOKED")).hasSize(47)
                .allMatch(r -> r.equals("SLOT_FULL:该时段已约满，请选择其他时段"));
        Appointments.SlotView slot = appointments.days(HALL).get(0).slots().stream()
                .filter(s -> s.startsAt().equals(LocalTime.of(9, 30))).findFirst().orElseThrow();
        assertThat(slot.free()).isZero();
        assertThat(appointments.figures(LocalDate.parse("2026-12-08"), LocalDate.parse("2026-12-08")))
                .containsExactly(new AppointmentFigures(HALL, LocalDate.parse("2026-12-08"), 3, 0, 0, 0));
    }

    @Test
    void slotsFollowTheWorkingCalendar(@TempDir Path dir) {
        Appointments appointments = onH2(dir);
        clock.setBeijing("2026-10-08T16:00"); // Thursday after National Day; Saturday 10 October is a 调休 working day

        List<Appointments.DayView> days = appointments.days(HALL);

        assertThat(days).extracting(Appointments.DayView::day).containsExactly(LocalDate.parse("2026-10-09"),
                LocalDate.parse("2026-10-10"), LocalDate.parse("2026-10-12"), LocalDate.parse("2026-10-13"),
                LocalDate.parse("2026-10-14"), LocalDate.parse("2026-10-15"));
        assertThat(days.get(1).words()).isEqualTo("10月10日 星期六（调休上班）");
        // 09:00-12:00 and 13:30-17:00 in half hours
        assertThat(days.get(0).slots()).hasSize(13);
        assertThat(days.get(0).slots().get(6).startsAt()).isEqualTo(LocalTime.of(13, 30));

        clock.setBeijing("2026-09-30T16:00");
        assertThat(appointments.days(HALL)).extracting(Appointments.DayView::day)
                .as("1-7 October is the National Day holiday").isEmpty();
        assertThatThrownBy(() -> appointments.book(citizen(1), "市民", booking("2026-10-02", "09:00")))
                .isInstanceOfSatisfying(AppointmentFailure.class, f -> assertThat(f.words())
                        .isEqualTo("10月2日 星期五是国庆节假期，大厅不办公"));
        assertThatThrownBy(() -> appointments.book(citizen(1), "市民", booking("2026-10-09", "12:30")))
                .isInstanceOfSatisfying(AppointmentFailure.class, f -> assertThat(f.code()).isEqualTo("NO_SUCH_SLOT"));
    }

    @Test
    void aBookingIsCancelledUpToTheHourBeforeItsSlotAndItsPlaceIsFreeAgain(@TempDir Path dir) {
        Appointments appointments = onH2(dir);
        clock.setBeijing("2026-12-07T10:00");
        Appointments.View booked = appointments.book(citizen(1), "张三", booking("2026-12-08", "09:00"));
        assertThat(booked.cancellable()).isTrue();
        assertThat(booked.cancelUntil()).isEqualTo("2026-12-08 08:00");

        clock.setBeijing("2026-12-08T08:01");
        assertThatThrownBy(() -> appointments.cancel(citizen(1), booked.id()))
                .isInstanceOfSatisfying(AppointmentFailure.class, f -> assertThat(f.code()).isEqualTo("TOO_LATE_TO_CANCEL"));
        assertThatThrownBy(() -> appointments.cancel(citizen(2), booked.id())).as("someone else's booking")
                .isInstanceOfSatisfying(AppointmentFailure.class, f -> assertThat(f.code())
                        .isEqualTo("APPOINTMENT_NOT_FOUND"));

        clock.setBeijing("2026-12-07T18:00");
        appointments.cancel(citizen(1), booked.id());
        assertThat(appointments.mine(citizen(1))).singleElement().extracting(Appointments.View::status)
                .isEqualTo("CANCELLED");
        assertThat(appointments.days(HALL).get(0).slots().get(0).free()).isEqualTo(3);
        Appointments.View again = appointments.book(citizen(1), "张三", booking("2026-12-08", "09:00"));
        assertThatThrownBy(() -> appointments.book(citizen(1), "张三", booking("2026-12-09", "09:00")))
                .as("one open booking per item").isInstanceOfSatisfying(AppointmentFailure.class,
                        f -> assertThat(f.code()).isEqualTo("ALREADY_BOOKED"));
        assertThat(again.status()).isEqualTo("BOOKED");
    }

    @Test
    void threeBookingsNotKeptWithinThirtyDaysBlockBookingForSevenDaysAndSaySoInWords(@TempDir Path dir) {
        Appointments appointments = onH2(dir);
        Caller person = citizen(7);
        // booked and not kept on 1, 3 and 8 December (Tuesday, Thursday, Tuesday)
        for (String[] missed : new String[][]{{"2026-11-30", "2026-12-01"}, {"2026-12-02", "2026-12-03"},
                {"2026-12-07", "2026-12-08"}}) {
            clock.setBeijing(missed[0] + "T10:00");
            appointments.book(person, "王五", booking(missed[1], "10:00"));
        }
        clock.setBeijing("2026-12-09T09:00");
        assertThat(appointments.mine(person)).extracting(Appointments.View::status).containsOnly("NO_SHOW");

        assertThatThrownBy(() -> appointments.book(person, "王五", booking("2026-12-10", "10:00")))
                .isInstanceOfSatisfying(AppointmentFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("APPOINTMENTS_BLOCKED");
                    assertThat(f.words()).isEqualTo("您在30天内有3次预约未到，按海口市政务服务中心的规定7天内不能预约，"
                            + "12月15日起可再预约。您仍可直接到窗口办理。");
                });
        assertThat(appointments.figures(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31")))
                .extracting(AppointmentFigures::noShows).containsExactly(1, 1, 1);

        clock.setBeijing("2026-12-15T09:00");
        assertThat(appointments.book(person, "王五", booking("2026-12-16", "10:00")).status()).isEqualTo("BOOKED");
    }

    @Test
    void aPersonBelowLevelTwoIsToldToVerifyFirst(@TempDir Path dir) {
        Appointments appointments = onH2(dir);
        clock.setBeijing("2026-12-07T10:00");
        Caller unverified = new Caller("s", "u", "tongban-portal", idNumber(9), RealNameLevel.NONE, 2,
                Set.of(Caller.CITIZEN), null, null);
        assertThatThrownBy(() -> appointments.book(unverified, "赵六", booking("2026-12-08", "09:00")))
                .isInstanceOfSatisfying(AppointmentFailure.class, f -> assertThat(f.words())
                        .isEqualTo("网上预约需要实名认证二级及以上，请先完成实名核验"));
    }
}
