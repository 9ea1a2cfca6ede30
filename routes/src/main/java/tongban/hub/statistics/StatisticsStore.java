package tongban.hub.statistics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The counting queries: each adds up one kind of record per department and Beijing day (a day may come in several
 * rows, each added), on the day columns and their indexes — cases from their narrow {@code case_fact} rows
 * ({@code accepted_on}, {@code decided_on}), ratings by {@code rated_on}, work orders by {@code received_on} — so a
 * year of a city's cases is a few thousand grouped rows read from an index, not a million fetched ones.
 */
@Repository
class StatisticsStore {

    /** One grouped row: its department, its day, and the figures counted for them. */
    interface Rows extends BiConsumer<Key, Figures> {
    }

    record Key(String department, LocalDate day) {
    }

    /**
     * One line of the case ledger: the case, the bundle it is part of (or null), and how it went.
     *
     * @param status      the case's status name
     * @param outcome     {@code APPROVED}, {@code REFUSED} or null
     * @param workingDays working days from acceptance to decision, or null while open
     * @param timeliness  {@code case_fact.outcome}: 2 early, 3 on time, 4 overdue, others open
     * @param ratingLevel 1 (非常不满意) to 5 (非常满意), or null when not rated
     */
    record LedgerLine(String caseNumber, String bundleTitle, String itemCode, String title, String department,
                      String channel, String serviceWindow, LocalDate acceptedOn, LocalDate dueOn, Instant finishedAt,
                      String status, String outcome, Integer workingDays, int timeliness, Integer ratingLevel) {
    }

    private final JdbcTemplate jdbc;

    StatisticsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The cases accepted in the range (one department's, or all with null), in order of acceptance, each handed over
     * as the database reads it (forward only, fetched a thousand at a time) — a million lines never sit in memory.
     */
    void ledger(LocalDate from, LocalDate to, String department, Consumer<LedgerLine> lines) {
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(from), Date.valueOf(to)));
        String sql = "SELECT c.case_number, p.title, c.item_code, c.title, f.department, c.channel, c.service_window, "
                + "f.accepted_on, c.due_on, c.finished_at, c.status, c.outcome, f.working_days, f.outcome, "
                + "r.rating_level FROM case_fact f JOIN service_case c ON c.case_number = f.case_number "
                + "LEFT JOIN service_case p ON p.case_number = c.parent_number "
                + "LEFT JOIN case_rating r ON r.case_number = COALESCE(c.parent_number, c.case_number) AND r.kind = 'RATING' "
                + "WHERE f.accepted_on BETWEEN ? AND ?";
        if (department != null) {
            sql += " AND f.department = ?";
            args.add(department);
        }
        String ordered = sql + " ORDER BY f.accepted_on, f.case_number";
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement(ordered, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(1000);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            return statement;
        }, rs -> {
            Timestamp finished = rs.getTimestamp(10);
            lines.accept(new LedgerLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), date(rs.getDate(8)), date(rs.getDate(9)),
                    finished == null ? null : finished.toInstant(), rs.getString(11), rs.getString(12),
                    (Integer) rs.getObject(13), rs.getInt(14), (Integer) rs.getObject(15)));
        });
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    void count(LocalDate from, LocalDate to, String department, Rows rows) {
        accepted(from, to, department, rows);
        decided(from, to, department, rows);
        ratings(from, to, department, rows);
        followUps(from, to, department, rows);
        workOrders(from, to, department, rows);
    }

    private void accepted(LocalDate from, LocalDate to, String department, Rows rows) {
        query("SELECT department, accepted_on, COUNT(*) FROM case_fact WHERE accepted_on BETWEEN ? AND ?",
                "GROUP BY department, accepted_on", from, to, department, (rs, f) -> f.accepted = rs.getLong(3), rows);
    }

    /** Cases that ended, by how they ended ({@code case_fact.outcome}: 1 not accepted, 2–5 finished). */
    private void decided(LocalDate from, LocalDate to, String department, Rows rows) {
        query("SELECT department, decided_on, outcome, COUNT(*), SUM(working_days), COUNT(working_days) FROM case_fact "
                        + "WHERE decided_on BETWEEN ? AND ? AND outcome BETWEEN 1 AND 5",
                "GROUP BY department, decided_on, outcome", from, to, department, (rs, f) -> {
                    int outcome = rs.getInt(3);
                    long n = rs.getLong(4);
                    if (outcome == 1) {
                        f.notAccepted = n;
                        return;
                    }
                    f.finished = n;
                    f.finishedEarly = outcome == 2 ? n : 0;
                    f.finishedOnTime = outcome == 2 || outcome == 3 ? n : 0;
                    f.overdue = outcome == 4 ? n : 0;
                    f.workingDaysSum = rs.getLong(5);
                    f.workingDaysCount = rs.getLong(6);
                }, rows);
    }

    private void ratings(LocalDate from, LocalDate to, String department, Rows rows) {
        query("SELECT department, rated_on, "
                + "SUM(CASE WHEN rating_level = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN rating_level = 2 THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN rating_level = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN rating_level = 4 THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN rating_level = 5 THEN 1 ELSE 0 END) "
                + "FROM case_rating WHERE rated_on BETWEEN ? AND ? AND kind = 'RATING'",
                "GROUP BY department, rated_on", from, to, department, (rs, f) -> {
                    for (int level = 1; level <= 5; level++) {
                        f.ratingsByLevel[level] = rs.getLong(2 + level);
                    }
                    f.badRatings = f.ratingsByLevel[1] + f.ratingsByLevel[2];
                }, rows);
    }

    private void followUps(LocalDate from, LocalDate to, String department, Rows rows) {
        query("SELECT r.department, r.rated_on, "
                + "SUM(CASE WHEN w.called_back_at IS NOT NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN w.status = 'FINISHED' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN w.called_back_at IS NOT NULL AND w.call_back_late = FALSE AND w.status = 'FINISHED' "
                + "AND w.finish_late = FALSE THEN 1 ELSE 0 END) "
                + "FROM case_rating r JOIN work_order w ON w.order_number = r.work_order "
                + "WHERE r.rated_on BETWEEN ? AND ? AND r.kind = 'RATING' AND r.rating_level <= 2",
                "GROUP BY r.department, r.rated_on", from, to, department, "r.department", (rs, f) -> {
                    f.badCalledBack = rs.getLong(3);
                    f.badReplied = rs.getLong(4);
                    f.badFollowedUpOnTime = rs.getLong(5);
                }, rows);
    }

    private void workOrders(LocalDate from, LocalDate to, String department, Rows rows) {
        query("SELECT department, received_on, COUNT(*), "
                + "SUM(CASE WHEN responded_at IS NOT NULL AND response_late = FALSE THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN status = 'FINISHED' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN status = 'FINISHED' AND finish_late = FALSE THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN satisfaction IS NOT NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN satisfaction >= 3 THEN 1 ELSE 0 END) "
                + "FROM work_order WHERE received_on BETWEEN ? AND ?",
                "GROUP BY department, received_on", from, to, department, (rs, f) -> {
                    f.ordersReceived = rs.getLong(3);
                    f.ordersRespondedInTime = rs.getLong(4);
                    f.ordersFinished = rs.getLong(5);
                    f.ordersFinishedOnTime = rs.getLong(6);
                    f.ordersAsked = rs.getLong(7);
                    f.ordersSatisfied = rs.getLong(8);
                }, rows);
    }

    private interface Fill {
        void fill(ResultSet rs, Figures f) throws SQLException;
    }

    private void query(String select, String groupBy, LocalDate from, LocalDate to, String department, Fill fill,
                       Rows rows) {
        query(select, groupBy, from, to, department, "department", fill, rows);
    }

    private void query(String select, String groupBy, LocalDate from, LocalDate to, String department,
                       String departmentColumn, Fill fill, Rows rows) {
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(from), Date.valueOf(to)));
        String sql = select;
        if (department != null) {
            sql += " AND " + departmentColumn + " = ?";
            args.add(department);
        }
        jdbc.query(sql + " " + groupBy, rs -> {
            Figures f = new Figures();
            fill.fill(rs, f);
            rows.accept(new Key(rs.getString(1), rs.getDate(2).toLocalDate()), f);
        }, args.toArray());
    }
}
