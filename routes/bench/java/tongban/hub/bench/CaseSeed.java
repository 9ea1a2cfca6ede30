package tongban.hub.bench;

import org.flywaydb.core.Flyway;
import tongban.hub.calendar.WorkingCalendar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Fills the benchmark hub's database, before the hub starts, with a city's records: {@code TOTAL} cases of many
 * applicants — {@code MINE} of them the demo applicant's (陈静) — over the 690 days that end ten days ago, in every
 * status and five departments, with their finishing days and working days as the hub keeps them; {@code RATINGS}
 * ratings of finished cases (good ones mostly, as the source's 99.68 %), their bad ones followed up; and {@code ORDERS}
 * 12345 work orders. So 我的办件, the statistics page and the case ledger are timed on a database of a city's size.
 * Runs the hub's own migrations first, and compacts the database at the end. Usage: {@code CaseSeed JDBC_URL TOTAL
 * MINE RATINGS ORDERS} (an H2 file URL).
 */
public final class CaseSeed {

    private static final String CHENJING = "460100199203154520";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String[] STATUSES = {"FINISHED", "FINISHED", "FINISHED", "FINISHED", "FINISHED", "IN_PROGRESS",
            "ACCEPTED", "SUBMITTED", "NOT_ACCEPTED", "WITHDRAWN", "CORRECTION_REQUESTED"};
    private static final String[][] ITEMS = {
            {"11460100MB1926354K4000303005000", "resident-pension", "城乡居民基本养老保险参保登记", "social-insurance", "5"},
            {"11460100MB1570238D4000111001000", "enterprise-establishment", "企业设立登记", "enterprise-registration", "3"},
            {"11460100MB0X11111T4000211002000", "new-taxpayer", "新办纳税人套餐", "tax", "1"},
            {"11460100008256386X4000105001000", "id-card-renewal", "居民身份证换领", "public-security", "30"},
            {"11460100MB1570238D4000411003000", "property-transfer-registration", "不动产转移登记", "real-estate", "5"}};
    private static final int DAYS = 690;

    private CaseSeed() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int total = Integer.parseInt(args[1]);
        int mine = Integer.parseInt(args[2]);
        int ratings = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int orders = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Flyway.configure().dataSource(url, "tongban", "").locations("classpath:db/migration").load().migrate();
        WorkingCalendar calendar = WorkingCalendar.fromClasspath();
        Random random = new Random(42);
        DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
        LocalDate start = LocalDate.now(BEIJING).minusDays(DAYS + 10);
        long started = System.nanoTime();
        double seconds;
        int rated = 0;
        try (Connection db = DriverManager.getConnection(url, "tongban", "")) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO service_case (case_number, title, "
                    + "item_code, item, department, applicant_name, applicant_id_number, channel, service_window, status, "
                    + "outcome, form_json, promised_days, submitted_at, accepted_on, due_on, finished_at, round_no, version) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,0)");
                 PreparedStatement fact = db.prepareStatement("INSERT INTO case_fact (case_number, department, "
                         + "accepted_on, decided_on, outcome, working_days) VALUES (?,?,?,?,?,?)");
                 PreparedStatement rating = db.prepareStatement("INSERT INTO case_rating (case_number, kind, "
                         + "rating_level, indicators_json, comment_text, channel, client_id, rated_by, applicant_id_number, "
                         + "department, service_window, rated_at, rated_on) VALUES (?, 'RATING', ?, ?, ?, ?, "
                         + "'tongban-portal', 'seed', ?, ?, 'hk-zwzx-zhck', ?, ?)")) {
                // a share of the finished cases (5 of every 11 statuses), so that about RATINGS are rated
                double rateShare = Math.min(1.0, 1.05 * ratings * STATUSES.length / (5.0 * total));
                for (int i = 0; i < total; i++) {
                    LocalDate on = start.plusDays(random.nextInt(DAYS));
                    String status = STATUSES[random.nextInt(STATUSES.length)];
                    String[] item = ITEMS[random.nextInt(ITEMS.length)];
                    boolean theirs = i % Math.max(1, total / Math.max(1, mine)) == 0;
                    String idNumber = theirs ? CHENJING : String.format("4601001980%02d%02d%04d", 1 + random.nextInt(12),
                            1 + random.nextInt(28), random.nextInt(10000));
                    Instant submitted = on.atTime(9 + random.nextInt(8), random.nextInt(60)).atZone(BEIJING).toInstant();
                    String number = "TB" + day.format(on) + String.format("%06d", i % 1_000_000);
                    boolean accepted = !status.equals("SUBMITTED") && !status.equals("NOT_ACCEPTED")
                            && !status.equals("WITHDRAWN");
                    int promised = Integer.parseInt(item[4]);
                    LocalDate acceptedOn = accepted ? calendar.nextWorkingDayFrom(on) : null;
                    LocalDate due = accepted ? calendar.dueDate(acceptedOn, promised) : null;
                    Instant finished = null;
                    if (status.equals("FINISHED")) {
                        // most before their due date, some on it, a few after
                        LocalDate finishedOn = calendar.addWorkingDays(acceptedOn, Math.max(1, promised
                                - 2 + random.nextInt(4)));
                        finished = finishedOn.atTime(10 + random.nextInt(7), random.nextInt(60)).atZone(BEIJING).toInstant();
                    } else if (status.equals("NOT_ACCEPTED") || status.equals("WITHDRAWN")) {
                        finished = submitted.plusSeconds(3_600L * (1 + random.nextInt(48)));
                    }
                    LocalDate finishedOn = finished == null ? null : LocalDate.ofInstant(finished, BEIJING);
                    insert.setString(1, number);
                    insert.setString(2, item[2]);
                    insert.setString(3, item[0]);
                    insert.setString(4, item[1]);
                    insert.setString(5, item[3]);
                    insert.setString(6, theirs ? "陈静" : "申请人" + i);
                    insert.setString(7, idNumber);
                    insert.setString(8, random.nextBoolean() ? "ONLINE" : "WINDOW");
                    insert.setString(9, "hk-zwzx-zhck");
                    insert.setString(10, status);
                    insert.setString(11, status.equals("FINISHED") ? (random.nextInt(20) == 0 ? "REFUSED" : "APPROVED") : null);
                    insert.setString(12, "{\"phone\":\"13800000000\"}");
                    insert.setInt(13, promised);
                    insert.setTimestamp(14, Timestamp.from(submitted));
                    insert.setObject(15, acceptedOn == null ? null : java.sql.Date.valueOf(acceptedOn));
                    insert.setObject(16, due == null ? null : java.sql.Date.valueOf(due));
                    insert.setTimestamp(17, finished == null ? null : Timestamp.from(finished));
                    insert.addBatch();
                    fact.setString(1, number);
                    fact.setString(2, item[3]);
                    fact.setObject(3, acceptedOn == null ? null : java.sql.Date.valueOf(acceptedOn));
                    fact.setObject(4, finishedOn == null ? null : java.sql.Date.valueOf(finishedOn));
                    fact.setInt(5, switch (status) {
                        case "NOT_ACCEPTED" -> 1;
                        case "WITHDRAWN" -> 6;
                        case "FINISHED" -> finishedOn.isBefore(due) ? 2 : finishedOn.isEqual(due) ? 3 : 4;
                        default -> 0;
                    });
                    fact.setObject(6, status.equals("FINISHED") ? calendar.workingDaysBetween(acceptedOn, finishedOn) : null);
                    fact.addBatch();
                    if (status.equals("FINISHED") && rated < ratings && random.nextDouble() < rateShare) {
                        int level = random.nextInt(1000) < 997 ? 3 + random.nextInt(3) : 1 + random.nextInt(2);
                        Instant at = finished.plusSeconds(600 + random.nextInt(86_400));
                        rating.setString(1, number);
                        rating.setInt(2, level);
                        rating.setString(3, "{\"overall\":" + level + "}");
                        rating.setString(4, random.nextInt(10) == 0 ? "办事效率高，服务态度好" : null);
                        rating.setString(5, random.nextBoolean() ? "ONLINE" : "WINDOW");
                        rating.setString(6, idNumber);
                        rating.setString(7, item[3]);
                        rating.setTimestamp(8, Timestamp.from(at));
                        rating.setObject(9, java.sql.Date.valueOf(LocalDate.ofInstant(at, BEIJING)));
                        rating.addBatch();
                        rated++;
                    }
                    if (i % 5000 == 4999) {
                        insert.executeBatch();
                        fact.executeBatch();
                        rating.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                fact.executeBatch();
                rating.executeBatch();
                db.commit();
            }
            seedOrders(db, orders, start, calendar, random);
            seconds = (System.nanoTime() - started) / 1e9;
            // a bulk load leaves H2's chunks part empty (a 4.3 GB file, 63 % of it live, for 1,000,000 cases), and the
            // hub's upkeep would then spend the benchmark rewriting them: the city's database is measured as months
            // under that upkeep leave it, compact, not in the middle of digesting its load
            started = System.nanoTime();
            try (Statement shutdown = db.createStatement()) {
                shutdown.execute("SHUTDOWN COMPACT");
            }
        }
        Path file = Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db");
        System.out.printf("RESULT seed %d %d %.1f %d %d %.1f %d%n", total, mine, seconds, rated, orders,
                (System.nanoTime() - started) / 1e9, Files.size(file) >> 20);
    }

    /** 12345 orders over the same days: nearly all answered within 30 minutes and on time, as the source reports. */
    private static void seedOrders(Connection db, int orders, LocalDate start, WorkingCalendar calendar, Random random)
            throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO work_order (order_number, source, source_ref, "
                + "kind, subject, content, caller_name, caller_phone, department, status, received_at, received_on, "
                + "respond_by, finish_by, responded_at, handler, finished_at, response_late, call_back_late, finish_late, "
                + "satisfaction, dispatch_round, version) VALUES (?, 'HOTLINE', ?, 'COMPLAINT', '办事咨询', "
                + "'来电人反映的问题', '来电人', '13800000000', ?, 'FINISHED', ?, ?, ?, ?, ?, '承办人', ?, ?, FALSE, ?, ?, 1, 0)")) {
            for (int i = 0; i < orders; i++) {
                LocalDate on = start.plusDays(random.nextInt(DAYS));
                Instant received = on.atTime(8 + random.nextInt(12), random.nextInt(60)).atZone(BEIJING).toInstant();
                boolean lateResponse = random.nextInt(1000) < 2;
                boolean lateFinish = random.nextInt(1000) < 2;
                LocalDate finishBy = calendar.addWorkingDays(on, 5);
                insert.setString(1, "GD" + DateTimeFormatter.BASIC_ISO_DATE.format(on) + String.format("9%05d", i % 100_000));
                insert.setString(2, "RXSEED" + i);
                insert.setString(3, ITEMS[random.nextInt(ITEMS.length)][3]);
                insert.setTimestamp(4, Timestamp.from(received));
                insert.setObject(5, java.sql.Date.valueOf(on));
                insert.setTimestamp(6, Timestamp.from(received.plusSeconds(1800)));
                insert.setObject(7, java.sql.Date.valueOf(finishBy));
                insert.setTimestamp(8, Timestamp.from(received.plusSeconds(lateResponse ? 2400 : 300 + random.nextInt(1200))));
                insert.setTimestamp(9, Timestamp.from(finishBy.plusDays(lateFinish ? 3 : -random.nextInt(3))
                        .atTime(15, 0).atZone(BEIJING).toInstant()));
                insert.setBoolean(10, lateResponse);
                insert.setBoolean(11, lateFinish);
                insert.setObject(12, random.nextInt(100) < 95 ? 3 + random.nextInt(3) : 1 + random.nextInt(2));
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
            db.commit();
        }
    }
}
