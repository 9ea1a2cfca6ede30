package tongban.hub.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A known month for the channel figures, May 2020 — 劳动节 1–5 May, the 调休 Saturday 9 May, the month ending on a
 * Sunday — written straight into the tables, so the channel figures can be checked against values worked out by
 * hand (19 working days). Nothing else in the tests happens in that month.
 *
 * <pre>
 *  application  channel  made (Beijing)        taken in at / by            handled at      ended
 *  A1           ONLINE   2020-05-06 10:00      —                           hk-zwzx-zhck    05-07 on time, rated 4 05-08; a pledge, checked on time, passed; collected at the hall
 *  A2           MOBILE   2020-05-09 11:00 (调休) —                          hk-zwzx-zhck    open; a pledge, checked late, found untrue
 *  A3           WINDOW   2020-05-31 23:30 (Sun) hk-zwzx-zhck / wangwu       hk-zwzx-zhck    open
 *  A4           WINDOW   2020-05-11 09:00      lh-zwzx-zhck / qianqi (全城通办) hk-zwzx-zhck  05-29 overdue, rated 1 05-29
 *  A5           WINDOW   2020-05-12 09:00      hk-zwzx-zhck / wangwu       hk-zwzx-zhck    05-20 early, rated 5 05-21; posted 05-20
 *  A6           WINDOW   2020-05-13 09:00      hk-zwzx-gaj / zhouba        hk-zwzx-gaj     open
 *  A7           HOTLINE  2020-05-14 09:00      —                           hk-zwzx-zhck    open
 *  A8           WINDOW   2020-04-30 23:59      hk-zwzx-zhck / wangwu       — (April's)
 *  A9           WINDOW   2020-06-01 00:10      hk-zwzx-zhck / wangwu       — (June's)
 *  A10-01       WINDOW   2020-05-15 (a part of a bundle: not an application of its own)
 *  appointments at hk-zwzx: 05-06 checked in · 05-11 no-show · 05-29 booked, never came · 05-12 cancelled · 06-01 booked;
 *               at lh-zwzx: 04-30 checked in
 * </pre>
 */
public final class ChannelFixtures {

    public static final LocalDate FROM = LocalDate.of(2020, 5, 1);
    public static final LocalDate TO = LocalDate.of(2020, 5, 31);

    private ChannelFixtures() {
    }

    private static Timestamp beijing(String at) {
        return Timestamp.from(LocalDateTime.parse(at).atOffset(ZoneOffset.ofHours(8)).toInstant());
    }

    public static void insert(JdbcTemplate jdbc) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM service_case WHERE case_number = 'TB20200506800001'",
                Integer.class) > 0) {
            return;
        }
        application(jdbc, "TB20200506800001", null, "ONLINE", "2020-05-06T10:00", null, null, "hk-zwzx-zhck");
        application(jdbc, "TB20200509800002", null, "MOBILE", "2020-05-09T11:00", null, null, "hk-zwzx-zhck");
        application(jdbc, "TB20200531800003", null, "WINDOW", "2020-05-31T23:30", "hk-zwzx-zhck", "wangwu", "hk-zwzx-zhck");
        application(jdbc, "TB20200511800004", null, "WINDOW", "2020-05-11T09:00", "lh-zwzx-zhck", "qianqi", "hk-zwzx-zhck");
        application(jdbc, "TB20200512800005", null, "WINDOW", "2020-05-12T09:00", "hk-zwzx-zhck", "wangwu", "hk-zwzx-zhck");
        application(jdbc, "TB20200513800006", null, "WINDOW", "2020-05-13T09:00", "hk-zwzx-gaj", "zhouba", "hk-zwzx-gaj");
        application(jdbc, "TB20200514800007", null, "HOTLINE", "2020-05-14T09:00", null, null, "hk-zwzx-zhck");
        application(jdbc, "TB20200430800008", null, "WINDOW", "2020-04-30T23:59", "hk-zwzx-zhck", "wangwu", "hk-zwzx-zhck");
        application(jdbc, "TB20200601800009", null, "WINDOW", "2020-06-01T00:10", "hk-zwzx-zhck", "wangwu", "hk-zwzx-zhck");
        application(jdbc, "TB20200515800010-01", "TB20200515800010", "WINDOW", "2020-05-15T09:00", "hk-zwzx-zhck",
                "wangwu", "hk-zwzx-zhck");

        // how they ended (case_fact.outcome: 2 early, 3 on time, 4 overdue)
        fact(jdbc, "TB20200506800001", "2020-05-06", "2020-05-07", 3);
        fact(jdbc, "TB20200511800004", "2020-05-11", "2020-05-29", 4);
        fact(jdbc, "TB20200512800005", "2020-05-12", "2020-05-20", 2);

        rating(jdbc, "TB20200506800001", 4, "2020-05-08T10:00");
        rating(jdbc, "TB20200511800004", 1, "2020-05-29T17:00");
        rating(jdbc, "TB20200512800005", 5, "2020-05-21T10:00");

        appointment(jdbc, "hk-zwzx", "2020-05-06", "CHECKED_IN");
        appointment(jdbc, "hk-zwzx", "2020-05-11", "NO_SHOW");
        appointment(jdbc, "hk-zwzx", "2020-05-29", "BOOKED");
        appointment(jdbc, "hk-zwzx", "2020-05-12", "CANCELLED");
        appointment(jdbc, "hk-zwzx", "2020-06-01", "BOOKED");
        appointment(jdbc, "lh-zwzx", "2020-04-30", "CHECKED_IN");

        jdbc.update("INSERT INTO case_delivery (case_number, method, recipient, phone, province, city, district, address, "
                + "status, waybill_no, shipped_on, follow_up) VALUES ('TB20200512800005', 'POST', '申请人', '13800000001', "
                + "'海南省', '海口市', '龙华区', '滨海大道1号', 'DELIVERED', '1170200512800005', ?, FALSE)",
                Date.valueOf("2020-05-20"));
        jdbc.update("INSERT INTO case_delivery (case_number, method, status, follow_up) "
                + "VALUES ('TB20200506800001', 'HALL', 'COLLECT', FALSE)");
        jdbc.update("INSERT INTO case_delivery (case_number, method, recipient, phone, province, city, district, address, "
                + "status, waybill_no, shipped_on, follow_up) VALUES ('TB20200531800003', 'POST', '申请人', '13800000001', "
                + "'海南省', '海口市', '龙华区', '滨海大道1号', 'CREATED', '1170200531800003', ?, FALSE)",
                Date.valueOf("2020-06-01"));

        pledge(jdbc, "TB20200506800001", "2020-05-06T10:00", "2020-06-03", "PASSED", "2020-05-28T10:00");
        pledge(jdbc, "TB20200509800002", "2020-05-09T11:00", "2020-05-27", "FAILED", "2020-05-29T10:00");
    }

    private static void application(JdbcTemplate jdbc, String number, String parent, String channel, String made,
                                    String receivedWindow, String receivedBy, String serviceWindow) {
        Timestamp at = beijing(made);
        jdbc.update("INSERT INTO service_case (case_number, parent_number, item_code, item, title, department, "
                        + "applicant_name, applicant_id_number, channel, service_window, received_window, received_by, "
                        + "submitted_on, status, form_json, promised_days, submitted_at, round_no, version) "
                        + "VALUES (?, ?, '11460100008256386X4000105001000', 'id-card-renewal', '居民身份证换领', "
                        + "'public-security', '申请人', '460100198001010011', ?, ?, ?, ?, ?, 'SUBMITTED', '{}', 30, ?, 1, 0)",
                number, parent, channel, serviceWindow, receivedWindow, receivedBy, Date.valueOf(made.substring(0, 10)),
                at);
    }

    private static void fact(JdbcTemplate jdbc, String number, String accepted, String decided, int outcome) {
        jdbc.update("INSERT INTO case_fact (case_number, department, accepted_on, decided_on, outcome, working_days) "
                + "VALUES (?, 'public-security', ?, ?, ?, 1)", number, Date.valueOf(accepted), Date.valueOf(decided),
                outcome);
    }

    private static void rating(JdbcTemplate jdbc, String number, int level, String at) {
        jdbc.update("INSERT INTO case_rating (case_number, kind, rating_level, indicators_json, channel, client_id, "
                        + "rated_by, applicant_id_number, department, service_window, rated_at, rated_on) "
                        + "VALUES (?, 'RATING', ?, '{}', 'WINDOW', 'tongban-portal', 'fixture', '460100198001010011', "
                        + "'public-security', 'hk-zwzx-zhck', ?, ?)", number, level, beijing(at),
                Date.valueOf(at.substring(0, 10)));
    }

    private static void appointment(JdbcTemplate jdbc, String hall, String day, String status) {
        jdbc.update("INSERT INTO appointment (hall, slot_day, starts_at, offer_kind, offer_id, offer_title, subject, "
                        + "id_number, person_name, channel, status, booked_at) VALUES (?, ?, '09:00:00', 'item', "
                        + "'11460100008256386X4000105001000', '居民身份证换领', 'fixture', '460100198001010011', '申请人', "
                        + "'ONLINE', ?, ?)", hall, Date.valueOf(day), status, beijing("2020-04-28T10:00"));
    }

    private static void pledge(JdbcTemplate jdbc, String number, String pledged, String due, String result,
                               String checked) {
        jdbc.update("INSERT INTO case_commitment (case_number, pledge_text, pledged_at, department, check_due_on, "
                        + "check_result, checked_at, checked_on, checked_by) VALUES (?, '本人承诺……', ?, 'social-insurance', ?, "
                        + "?, ?, ?, 'department:social-insurance')", number, beijing(pledged), Date.valueOf(due), result,
                beijing(checked), Date.valueOf(checked.substring(0, 10)));
    }
}
