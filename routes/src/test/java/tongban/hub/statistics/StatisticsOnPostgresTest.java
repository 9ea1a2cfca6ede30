package tongban.hub.statistics;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tongban.hub.support.ChannelFixtures;
import tongban.hub.support.StatisticsFixtures;
import tongban.hub.support.TestPostgres;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same hand-worked quarter counted by the same queries on PostgreSQL, the production database (the end-to-end
 * tests run on the embedded H2): the migrations, the day columns and the counting SQL mean the same on both.
 */
class StatisticsOnPostgresTest {

    @Test
    void theHandWorkedQuarterCountsTheSameOnPostgres() throws Exception {
        String url = TestPostgres.freshDatabase("statistics");
        DriverManagerDataSource db = new DriverManagerDataSource(url, TestPostgres.USER, TestPostgres.PASSWORD);
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        StatisticsFixtures.insert(jdbc);

        Figures quarter = new Figures();
        new StatisticsStore(jdbc).count(StatisticsFixtures.FROM, StatisticsFixtures.TO, StatisticsFixtures.DEPARTMENT,
                (key, f) -> quarter.add(f));
        assertThat(quarter.accepted()).isEqualTo(5);
        assertThat(quarter.notAccepted()).isEqualTo(1);
        assertThat(quarter.finished()).isEqualTo(4);
        assertThat(quarter.finishedEarly()).isEqualTo(2);
        assertThat(quarter.finishedOnTime()).isEqualTo(3);
        assertThat(quarter.overdue()).isEqualTo(1);
        assertThat(quarter.averageWorkingDays()).isEqualByComparingTo(new BigDecimal("7.75"));
        assertThat(quarter.ratingsByLevel()).containsExactly(1, 0, 1, 1, 1);
        assertThat(quarter.followedUpOnTimeRate()).isEqualByComparingTo(new BigDecimal("50.00"));
        assertThat(quarter.ordersReceived()).isEqualTo(5);
        assertThat(quarter.respondedInTimeRate()).isEqualByComparingTo(new BigDecimal("60.00"));
        assertThat(quarter.satisfiedRate()).isEqualByComparingTo(new BigDecimal("66.67"));

        TestPostgres.drop(url);
    }

    @Test
    void theHandWorkedMonthOfChannelsCountsTheSameOnPostgres() throws Exception {
        String url = TestPostgres.freshDatabase("channels");
        DriverManagerDataSource db = new DriverManagerDataSource(url, TestPostgres.USER, TestPostgres.PASSWORD);
        Flyway.configure().dataSource(db).locations("classpath:db/migration", "classpath:db/vendor/postgresql").load()
                .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        ChannelFixtures.insert(jdbc);
        ChannelStore store = new ChannelStore(jdbc);

        assertThat(store.applicationsByChannel(ChannelFixtures.FROM, ChannelFixtures.TO))
                .containsOnly(Map.entry("ONLINE", 1L), Map.entry("MOBILE", 1L), Map.entry("WINDOW", 4L),
                        Map.entry("HOTLINE", 1L));
        assertThat(store.windowIntake(ChannelFixtures.FROM, ChannelFixtures.TO).byKey)
                .containsOnlyKeys("hk-zwzx-zhck|wangwu", "lh-zwzx-zhck|qianqi", "hk-zwzx-gaj|zhouba");
        assertThat(store.windowIntake(ChannelFixtures.FROM, ChannelFixtures.TO).byKey.get("hk-zwzx-zhck|wangwu"))
                .containsExactly(2);
        assertThat(store.finishedByWindow(ChannelFixtures.FROM, ChannelFixtures.TO).byKey.get("hk-zwzx-zhck"))
                .containsExactly(3, 1, 1);
        assertThat(store.appointmentsByHall(ChannelFixtures.FROM, ChannelFixtures.TO, LocalDate.of(2026, 12, 7))
                .byKey.get("hk-zwzx")).containsExactly(3, 1, 2);
        assertThat(store.resultsByDepartment(ChannelFixtures.FROM, ChannelFixtures.TO).byKey.get("public-security"))
                .containsExactly(1, 1);
        assertThat(store.pledges(ChannelFixtures.FROM, ChannelFixtures.TO)).containsExactly(2, 2, 1, 1);
        TestPostgres.drop(url);
    }
}
