package tongban.hub.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A known quarter of construction approval (and one tax case), January to March 2020 — across the extended Spring
 * Festival holidays, the leap day and month ends in Beijing time — written straight into the tables, for the
 * statistics to be checked against figures worked out by hand (see the tests that use it). Nothing else in the
 * tests happens in that quarter.
 */
public final class StatisticsFixtures {

    public static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    public static final LocalDate TO = LocalDate.of(2020, 3, 31);
    public static final String DEPARTMENT = "construction-approval";

    private StatisticsFixtures() {
    }

    private static Timestamp beijing(String at) {
        return Timestamp.from(LocalDateTime.parse(at).atOffset(ZoneOffset.ofHours(8)).toInstant());
    }

    private static Date day(String d) {
        return d == null ? null : Date.valueOf(d);
    }

    public static void insert(JdbcTemplate jdbc) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM service_case WHERE case_number = 'TB20200120900001'",
                Integer.class) > 0) {
            return;
        }
        // number, department, status, outcome, accepted, due, finished (Beijing), finished day, working days
        kase(jdbc, "TB20200120900001", DEPARTMENT, "FINISHED", "APPROVED", "2020-01-20", "2020-02-04", "2020-02-03T10:00:00", 4);
        kase(jdbc, "TB20200123900002", DEPARTMENT, "FINISHED", "APPROVED", "2020-01-23", "2020-02-07", "2020-02-07T23:30:00", 5);
        kase(jdbc, "TB20200131900003", DEPARTMENT, "FINISHED", "REFUSED", "2020-01-31", "2020-02-03", "2020-03-02T09:00:00", 21);
        kase(jdbc, "TB20200228900004", DEPARTMENT, "IN_PROGRESS", null, "2020-02-28", "2020-03-06", null, null);
        kase(jdbc, "TB20200229900005", DEPARTMENT, "NOT_ACCEPTED", null, null, null, "2020-02-29T08:00:00", null);
        kase(jdbc, "TB20191231900006", DEPARTMENT, "FINISHED", "APPROVED", "2019-12-31", "2020-01-03", "2020-01-02T16:00:00", 1);
        // finished half an hour into 1 April in Beijing — still 31 March in UTC: April's, not March's
        kase(jdbc, "TB20200331900007", DEPARTMENT, "FINISHED", "APPROVED", "2020-03-31", "2020-04-01", "2020-04-01T00:30:00", 1);
        kase(jdbc, "TB20200210900008", "tax", "FINISHED", "APPROVED", "2020-02-10", "2020-02-14", "2020-02-12T11:00:00", 2);
        jdbc.update("INSERT INTO service_case (case_number, bundle, title, applicant_name, applicant_id_number, channel, "
                + "service_window, status, outcome, form_json, submitted_at, accepted_on, finished_at, "
                + "round_no, version) VALUES ('TB20200203900009', 'enterprise-opening', '企业开办一件事', '申请人', "
                + "'460100198001010011', 'ONLINE', 'hk-zwzx-zhck', 'FINISHED', 'APPROVED', '{}', ?, ?, ?, 1, 0)",
                beijing("2020-02-03T09:00:00"), day("2020-02-03"), beijing("2020-02-05T09:00:00")); // a parent: no fact

        // ratings: case, level, rated (Beijing), work order
        rating(jdbc, "TB20200120900001", "RATING", 5, "2020-02-03T11:00:00", null);
        rating(jdbc, "TB20200123900002", "RATING", 3, "2020-02-29T12:00:00", null);
        rating(jdbc, "TB20200131900003", "RATING", 1, "2020-03-02T10:00:00", "GD20200302900001");
        rating(jdbc, "TB20191231900006", "RATING", 2, "2020-01-31T23:50:00", "GD20200131900002");
        rating(jdbc, "TB20200131900003", "FOLLOW_UP", 4, "2020-03-20T10:00:00", "GD20200302900001");

        // work orders: number, source, received (Beijing), status, responded in time?, response late, call-back late,
        // finish late, satisfaction
        order(jdbc, "GD20200131900011", "HOTLINE", "2020-01-31T22:00:00", "FINISHED", true, false, false, false, 5);
        order(jdbc, "GD20200229900012", "HOTLINE", "2020-02-29T10:00:00", "FINISHED", true, true, false, true, 2);
        order(jdbc, "GD20200331900013", "HOTLINE", "2020-03-31T16:00:00", "RECEIVED", false, true, false, false, null);
        order(jdbc, "GD20200302900001", "RATING", "2020-03-02T10:00:00", "FINISHED", true, false, false, false, 4);
        order(jdbc, "GD20200131900002", "RATING", "2020-01-31T23:50:00", "FINISHED", true, false, true, false, null);
    }

    private static void kase(JdbcTemplate jdbc, String number, String department, String status, String outcome,
                             String accepted, String due, String finished, Integer workingDays) {
        jdbc.update("INSERT INTO service_case (case_number, item_code, item, title, department, applicant_name, "
                        + "applicant_id_number, channel, service_window, status, outcome, form_json, promised_days, "
                        + "submitted_at, accepted_on, due_on, finished_at, round_no, version) "
                        + "VALUES (?, '11460100MB1570238D4000111009000', 'construction-permit', '建筑工程施工许可', ?, "
                        + "'申请人', '460100198001010011', 'ONLINE', 'hk-zwzx-zhck', ?, ?, '{}', 5, ?, ?, ?, ?, 1, 0)",
                number, department, status, outcome, beijing((accepted != null ? accepted : "2020-02-28") + "T09:00:00"),
                day(accepted), day(due), finished == null ? null : beijing(finished));
        // what the case store writes beside it: the Beijing day it ended and how, worked out here by hand
        String ended = finished == null ? null : finished.substring(0, 10);
        int how = switch (status) {
            case "NOT_ACCEPTED" -> 1;
            case "FINISHED" -> ended.compareTo(due) < 0 ? 2 : ended.equals(due) ? 3 : 4;
            default -> 0;
        };
        jdbc.update("INSERT INTO case_fact (case_number, department, accepted_on, decided_on, outcome, working_days) "
                + "VALUES (?, ?, ?, ?, ?, ?)", number, department, day(accepted), day(ended), how, workingDays);
    }

    private static void rating(JdbcTemplate jdbc, String number, String kind, int level, String at, String order) {
        jdbc.update("INSERT INTO case_rating (case_number, kind, rating_level, indicators_json, channel, client_id, "
                        + "rated_by, applicant_id_number, department, service_window, rated_at, rated_on, work_order) "
                        + "VALUES (?, ?, ?, '{}', 'ONLINE', 'tongban-portal', 'fixture', '460100198001010011', ?, "
                        + "'hk-zwzx-zhck', ?, ?, ?)", number, kind, level,
                number.equals("TB20200210900008") ? "tax" : DEPARTMENT, beijing(at), day(at.substring(0, 10)), order);
    }

    private static void order(JdbcTemplate jdbc, String number, String source, String received, String status,
                              boolean responded, boolean responseLate, boolean callBackLate, boolean finishLate,
                              Integer satisfaction) {
        Timestamp at = beijing(received);
        jdbc.update("INSERT INTO work_order (order_number, source, source_ref, kind, subject, content, caller_name, "
                        + "department, status, received_at, received_on, respond_by, finish_by, responded_at, handler, "
                        + "called_back_at, finished_at, response_late, call_back_late, finish_late, satisfaction, "
                        + "dispatch_round, version) VALUES (?, ?, ?, ?, '施工许可咨询', '内容', '来电人', ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, 1, 0)",
                number, source, "FIXTURE-" + number, "RATING".equals(source) ? "FOLLOW_UP" : "CONSULTATION", DEPARTMENT,
                status, at, day(received.substring(0, 10)), new Timestamp(at.getTime() + 30 * 60_000L),
                day("2020-04-30"), responded ? new Timestamp(at.getTime() + 10 * 60_000L) : null, responded ? "李工" : null,
                "RATING".equals(source) ? new Timestamp(at.getTime() + 3_600_000L) : null,
                "FINISHED".equals(status) ? new Timestamp(at.getTime() + 86_400_000L) : null, responseLate,
                callBackLate, finishLate, satisfaction);
    }
}
