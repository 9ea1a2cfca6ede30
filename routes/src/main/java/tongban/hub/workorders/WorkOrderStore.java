package tongban.hub.workorders;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tongban.hub.web.BeijingTime;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The work-order tables. Every change locks the order's row first ({@link #lock}) and is one targeted update, so
 * the department's notices, the dispatcher and the deadline watch change an order in one order.
 */
@Repository
class WorkOrderStore {

    /** One line of an order's history. */
    record Event(int seq, Instant at, String action, String note, String actor) {
    }

    private static final RowMapper<WorkOrder> ROW = WorkOrderStore::row;

    private final JdbcTemplate jdbc;

    WorkOrderStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static WorkOrder row(ResultSet rs, int n) throws SQLException {
        return WorkOrder.builder().orderNumber(rs.getString("order_number")).source(rs.getString("source"))
                .sourceRef(rs.getString("source_ref")).kind(rs.getString("kind")).subject(rs.getString("subject"))
                .content(rs.getString("content")).callerName(rs.getString("caller_name"))
                .callerPhone(rs.getString("caller_phone")).callerIdNumber(rs.getString("caller_id_number"))
                .department(rs.getString("department")).caseNumber(rs.getString("case_number"))
                .status(WorkOrderStatus.valueOf(rs.getString("status")))
                .receivedAt(instant(rs.getTimestamp("received_at"))).respondBy(instant(rs.getTimestamp("respond_by")))
                .callBackBy(date(rs.getDate("call_back_by"))).finishBy(date(rs.getDate("finish_by")))
                .respondedAt(instant(rs.getTimestamp("responded_at"))).handler(rs.getString("handler"))
                .calledBackAt(instant(rs.getTimestamp("called_back_at")))
                .rectifiedAt(instant(rs.getTimestamp("rectified_at"))).reply(rs.getString("reply"))
                .finishedAt(instant(rs.getTimestamp("finished_at"))).responseLate(rs.getBoolean("response_late"))
                .callBackLate(rs.getBoolean("call_back_late")).finishLate(rs.getBoolean("finish_late"))
                .escalated(rs.getString("escalated")).escalatedAt(instant(rs.getTimestamp("escalated_at")))
                .transferTo(rs.getString("transfer_to")).transferReason(rs.getString("transfer_reason"))
                .satisfaction((Integer) rs.getObject("satisfaction")).dispatchRound(rs.getInt("dispatch_round"))
                .version(rs.getInt("version"))
                .build();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static Timestamp sql(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Date sql(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    /** 工单编号: {@code GD}, the Beijing day and the day's serial, issued under the counter row's lock. */
    String nextNumber(LocalDate day) {
        if (jdbc.update("UPDATE work_order_counter SET last_no = last_no + 1 WHERE issued_on = ?", sql(day)) != 1) {
            jdbc.update("INSERT INTO work_order_counter (issued_on, last_no) VALUES (?, 1)", sql(day));
        }
        Integer no = jdbc.queryForObject("SELECT last_no FROM work_order_counter WHERE issued_on = ?", Integer.class,
                sql(day));
        return "GD" + DateTimeFormatter.BASIC_ISO_DATE.format(day) + String.format("%06d", no);
    }

    void insert(WorkOrder o) {
        jdbc.update("INSERT INTO work_order (order_number, source, source_ref, kind, subject, content, caller_name, "
                        + "caller_phone, caller_id_number, department, case_number, status, received_at, received_on, "
                        + "respond_by, call_back_by, finish_by, response_late, call_back_late, finish_late, "
                        + "dispatch_round, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,FALSE,FALSE,FALSE,?,0)",
                o.orderNumber(), o.source(), o.sourceRef(), o.kind(), o.subject(), o.content(), o.callerName(),
                o.callerPhone(), o.callerIdNumber(), o.department(), o.caseNumber(), o.status().name(),
                sql(o.receivedAt()), sql(LocalDate.ofInstant(o.receivedAt(), BeijingTime.ZONE)), sql(o.respondBy()),
                sql(o.callBackBy()), sql(o.finishBy()), o.dispatchRound());
    }

    Optional<WorkOrder> find(String orderNumber) {
        return jdbc.query("SELECT * FROM work_order WHERE order_number = ?", ROW, orderNumber).stream().findFirst();
    }

    Optional<WorkOrder> lock(String orderNumber) {
        return jdbc.query("SELECT * FROM work_order WHERE order_number = ? FOR UPDATE", ROW, orderNumber).stream()
                .findFirst();
    }

    Optional<WorkOrder> bySource(String source, String sourceRef) {
        return jdbc.query("SELECT * FROM work_order WHERE source = ? AND source_ref = ?", ROW, source, sourceRef)
                .stream().findFirst();
    }

    /**
     * Orders, escalated first, then open before finished, then the soonest deadline: the whole list when
     * {@code department} is null.
     */
    List<WorkOrder> list(String department, String callerIdNumber, boolean openOnly, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM work_order WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (department != null) {
            sql.append(" AND department = ?");
            args.add(department);
        }
        if (callerIdNumber != null) {
            sql.append(" AND caller_id_number = ?");
            args.add(callerIdNumber);
        }
        if (openOnly) {
            sql.append(" AND status <> 'FINISHED'");
        }
        sql.append(" ORDER BY CASE WHEN escalated IS NOT NULL AND status <> 'FINISHED' THEN 0 "
                + "WHEN status <> 'FINISHED' THEN 1 ELSE 2 END, respond_by, order_number FETCH FIRST ? ROWS ONLY");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** Open orders whose response or finishing deadline the watch must look at now. */
    List<String> toWatch(Instant respondingBefore, LocalDate finishingBy, int limit) {
        return jdbc.queryForList("SELECT order_number FROM work_order WHERE status <> 'FINISHED' AND ("
                        + "(status = 'RECEIVED' AND respond_by <= ? AND (escalated IS NULL OR response_late = FALSE)) "
                        + "OR (finish_by <= ? AND (escalated IS NULL OR escalated <> 'FINISH' OR finish_late = FALSE)) "
                        + "OR (call_back_by IS NOT NULL AND called_back_at IS NULL AND call_back_late = FALSE "
                        + "AND call_back_by < ?)) ORDER BY respond_by FETCH FIRST ? ROWS ONLY", String.class,
                sql(respondingBefore), sql(finishingBy), sql(finishingBy), limit);
    }

    /** Open orders by department: how many, how many escalated, how many already late (for the gauges). */
    List<Object[]> openByDepartment() {
        return jdbc.query("SELECT department, COUNT(*), SUM(CASE WHEN escalated IS NOT NULL THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN response_late OR finish_late OR call_back_late THEN 1 ELSE 0 END) "
                        + "FROM work_order WHERE status <> 'FINISHED' GROUP BY department",
                (rs, n) -> new Object[]{rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
    }

    // ---- what happens to an order, one named change each (the SQL stays here) ----

    /** Acknowledged by the department, naming its handler; a pending response escalation is over. */
    void responded(String orderNumber, Instant at, String handler, boolean late) {
        update(orderNumber, "status = 'RESPONDED', responded_at = ?, handler = ?, response_late = ?, "
                + "escalated = CASE WHEN escalated = 'RESPONSE' THEN NULL ELSE escalated END", sql(at), handler, late);
    }

    /** The applicant called back; late stays late. */
    void calledBack(String orderNumber, Instant at, boolean late) {
        update(orderNumber, "called_back_at = ?, call_back_late = (call_back_late OR ?)", sql(at), late);
    }

    void rectified(String orderNumber, Instant at) {
        update(orderNumber, "rectified_at = ?", sql(at));
    }

    /** Answered: the department's written reply; no escalation stands any more. */
    void finished(String orderNumber, String reply, Instant at, boolean late) {
        update(orderNumber, "status = 'FINISHED', reply = ?, finished_at = ?, finish_late = ?, escalated = NULL",
                reply, sql(at), late);
    }

    /** The department asks for the order to go elsewhere ({@code suggested}: a department, or null). */
    void transferRequested(String orderNumber, String suggested, String reason) {
        update(orderNumber, "status = 'TRANSFER_REQUESTED', transfer_to = ?, transfer_reason = ?", suggested, reason);
    }

    /** The dispatcher refuses a transfer: the order goes back to where it stood. */
    void transferRefused(String orderNumber, WorkOrderStatus back) {
        update(orderNumber, "status = ?, transfer_to = NULL, transfer_reason = NULL", back.name());
    }

    /** The dispatcher moves the order: it starts again at {@code department}, with a new response deadline. */
    void transferred(String orderNumber, String department, Instant respondBy) {
        update(orderNumber, "status = 'RECEIVED', department = ?, transfer_to = NULL, transfer_reason = NULL, "
                + "respond_by = ?, responded_at = NULL, handler = NULL, escalated = NULL, "
                + "dispatch_round = dispatch_round + 1", department, sql(respondBy));
    }

    void satisfaction(String orderNumber, int level) {
        update(orderNumber, "satisfaction = ?", level);
    }

    /** 督办 for the response deadline coming up. */
    void escalatedForResponse(String orderNumber, Instant at) {
        update(orderNumber, "escalated = 'RESPONSE', escalated_at = ?", sql(at));
    }

    /** 督办 for the finishing deadline reached. */
    void escalatedForFinish(String orderNumber, Instant at) {
        update(orderNumber, "escalated = 'FINISH', escalated_at = ?", sql(at));
    }

    /** Past the response deadline unanswered: recorded late for good. */
    void responseLate(String orderNumber) {
        update(orderNumber, "response_late = TRUE");
    }

    void callBackLate(String orderNumber) {
        update(orderNumber, "call_back_late = TRUE");
    }

    void finishLate(String orderNumber) {
        update(orderNumber, "finish_late = TRUE");
    }

    private void update(String orderNumber, String assignments, Object... args) {
        Object[] all = new Object[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = orderNumber;
        if (jdbc.update("UPDATE work_order SET " + assignments + ", version = version + 1 WHERE order_number = ?",
                all) != 1) {
            throw new IllegalStateException("work order " + orderNumber + " vanished under a lock");
        }
    }

    static Date on(LocalDate d) {
        return sql(d);
    }

    void addEvent(String orderNumber, Instant at, String action, String note, String actor) {
        Integer seq = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) + 1 FROM work_order_event WHERE order_number = ?",
                Integer.class, orderNumber);
        jdbc.update("INSERT INTO work_order_event (order_number, seq, happened_at, action, note, actor) "
                + "VALUES (?,?,?,?,?,?)", orderNumber, seq, sql(at), action, cut(note, 4000), actor);
    }

    List<Event> events(String orderNumber) {
        return jdbc.query("SELECT seq, happened_at, action, note, actor FROM work_order_event WHERE order_number = ? "
                + "ORDER BY seq", (rs, n) -> new Event(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5)), orderNumber);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
