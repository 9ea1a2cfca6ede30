package tongban.hub.bench;

import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Fills the benchmark hub's database, before the hub starts, with {@code TOTAL} cases of many applicants —
 * {@code MINE} of them the demo applicant's (陈静) — across two years, in every status, so that 我的办件 is timed on a
 * database of a city's size rather than an empty one. Runs the hub's own migrations first.
 * Usage: {@code CaseSeed JDBC_URL TOTAL MINE}.
 */
public final class CaseSeed {

    private static final String CHENJING = "460100199203154520";
    private static final String[] STATUSES = {"FINISHED", "FINISHED", "FINISHED", "IN_PROGRESS", "ACCEPTED",
            "SUBMITTED", "NOT_ACCEPTED", "WITHDRAWN", "CORRECTION_REQUESTED"};

    private CaseSeed() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int total = Integer.parseInt(args[1]);
        int mine = Integer.parseInt(args[2]);
        Flyway.configure().dataSource(url, "tongban", "").locations("classpath:db/migration").load().migrate();
        Random random = new Random(42);
        DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
        LocalDate start = LocalDate.of(2025, 1, 1);
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, "tongban", "")) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO service_case (case_number, title, "
                    + "item_code, item, department, applicant_name, applicant_id_number, channel, service_window, status, "
                    + "outcome, form_json, promised_days, submitted_at, accepted_on, due_on, finished_at, round_no, version) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,0)")) {
                for (int i = 0; i < total; i++) {
                    LocalDate on = start.plusDays(random.nextInt(690));
                    String status = STATUSES[random.nextInt(STATUSES.length)];
                    boolean theirs = i % Math.max(1, total / Math.max(1, mine)) == 0;
                    String idNumber = theirs ? CHENJING : String.format("4601001980%02d%02d%04d", 1 + random.nextInt(12),
                            1 + random.nextInt(28), random.nextInt(10000));
                    Instant submitted = on.atTime(9 + random.nextInt(8), random.nextInt(60))
                            .atZone(ZoneId.of("Asia/Shanghai")).toInstant();
                    insert.setString(1, "TB" + day.format(on) + String.format("9%05d", i % 100000));
                    insert.setString(2, "城乡居民基本养老保险参保登记");
                    insert.setString(3, "11460100MB1926354K4000303005000");
                    insert.setString(4, "resident-pension");
                    insert.setString(5, "social-insurance");
                    insert.setString(6, theirs ? "陈静" : "申请人" + i);
                    insert.setString(7, idNumber);
                    insert.setString(8, random.nextBoolean() ? "ONLINE" : "WINDOW");
                    insert.setString(9, "hk-zwzx-zhck");
                    insert.setString(10, status);
                    insert.setString(11, status.equals("FINISHED") ? "APPROVED" : null);
                    insert.setString(12, "{\"contributionGrade\":\"500\",\"phone\":\"13800000000\"}");
                    insert.setInt(13, 5);
                    insert.setTimestamp(14, Timestamp.from(submitted));
                    boolean accepted = !status.equals("SUBMITTED") && !status.equals("NOT_ACCEPTED") && !status.equals("WITHDRAWN");
                    insert.setObject(15, accepted ? java.sql.Date.valueOf(on) : null);
                    insert.setObject(16, accepted ? java.sql.Date.valueOf(on.plusDays(7)) : null);
                    insert.setTimestamp(17, status.equals("FINISHED") ? Timestamp.from(submitted.plusSeconds(86_400L
                            * (1 + random.nextInt(6)))) : null);
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
        System.out.printf("RESULT seed %d %d %.1f%n", total, mine, (System.nanoTime() - started) / 1e9);
    }
}
