package tongban.hub.cases;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.web.BeijingTime;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The case tables. A change to a case locks its row first ({@link #lock}), so its history numbers and its status
 * move in one order whichever hub, consumer or callback changes it.
 */
@Repository
class CaseStore {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String COLUMNS = "case_number, parent_number, bundle, part, item_code, item, title, department, "
            + "applicant_subject, applicant_name, applicant_id_number, acting_for_uscc, acting_for_name, channel, "
            + "service_window, received_window, received_by, submitted_on, status, outcome, reason, result_ref, department_ref, form_json, promised_days, "
            + "submitted_at, accepted_on, due_on, correction_since, finished_at, dispatch, submission_id, round_no, version";
    private static final RowMapper<CaseRecord> ROW = CaseStore::row;

    /** One line of a case's history. */
    record Event(int seq, Instant at, CaseStatus status, String note, String actor, String requestId) {
    }

    /** A consent given for a case. */
    record Consent(String department, String service, String material, Instant givenAt, String givenBy,
                   Instant revokedAt) {
        boolean standing() {
            return revokedAt == null;
        }
    }

    /** A material of a case. */
    record Material(String material, String source, String department, String service, Instant fetchedAt,
                    String logRequestId, String content) {
    }

    private final JdbcTemplate jdbc;
    private final WorkingCalendar calendar;

    CaseStore(JdbcTemplate jdbc, WorkingCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /**
     * The case's row for the statistics ({@code case_fact}), written with the case: for a case a department decides
     * (not a bundle's parent), its acceptance day, the Beijing day it ended, how it ended against its due date, and
     * the working days it took.
     */
    private void writeFact(CaseRecord c, boolean created) {
        if (c.isBundle() || c.department() == null) {
            return;
        }
        LocalDate ended = c.finishedAt() == null ? null : LocalDate.ofInstant(c.finishedAt(), BeijingTime.ZONE);
        int outcome = switch (c.status()) {
            case NOT_ACCEPTED -> 1;
            case WITHDRAWN -> 6;
            case FINISHED -> c.dueOn() == null ? 5 : ended.isBefore(c.dueOn()) ? 2 : ended.isEqual(c.dueOn()) ? 3 : 4;
            default -> 0;
        };
        Integer days = c.status() == CaseStatus.FINISHED && c.acceptedOn() != null
                ? calendar.workingDaysBetween(c.acceptedOn(), ended) : null;
        if (created || jdbc.update("UPDATE case_fact SET accepted_on = ?, decided_on = ?, outcome = ?, working_days = ? "
                + "WHERE case_number = ?", sql(c.acceptedOn()), sql(ended), outcome, days, c.caseNumber()) == 0) {
            jdbc.update("INSERT INTO case_fact (case_number, department, accepted_on, decided_on, outcome, working_days) "
                    + "VALUES (?,?,?,?,?,?)", c.caseNumber(), c.department(), sql(c.acceptedOn()), sql(ended), outcome, days);
        }
    }

    private static CaseRecord row(ResultSet rs, int n) throws SQLException {
        String outcome = rs.getString("outcome");
        return CaseRecord.builder().caseNumber(rs.getString("case_number"))
                .parentNumber(rs.getString("parent_number")).bundle(rs.getString("bundle")).part(rs.getString("part"))
                .itemCode(rs.getString("item_code")).item(rs.getString("item")).title(rs.getString("title"))
                .department(rs.getString("department")).applicantSubject(rs.getString("applicant_subject"))
                .applicantName(rs.getString("applicant_name")).applicantIdNumber(rs.getString("applicant_id_number"))
                .actingForUscc(rs.getString("acting_for_uscc")).actingForName(rs.getString("acting_for_name"))
                .channel(rs.getString("channel")).serviceWindow(rs.getString("service_window"))
                .receivedWindow(rs.getString("received_window")).receivedBy(rs.getString("received_by"))
                .status(CaseStatus.valueOf(rs.getString("status")))
                .outcome(outcome == null ? null : CaseStatus.Outcome.valueOf(outcome))
                .reason(rs.getString("reason")).resultRef(rs.getString("result_ref"))
                .departmentRef(rs.getString("department_ref")).formJson(rs.getString("form_json"))
                .promisedDays((Integer) rs.getObject("promised_days"))
                .submittedAt(instant(rs.getTimestamp("submitted_at"))).acceptedOn(date(rs.getDate("accepted_on")))
                .dueOn(date(rs.getDate("due_on"))).correctionSince(date(rs.getDate("correction_since")))
                .finishedAt(instant(rs.getTimestamp("finished_at"))).dispatch(rs.getString("dispatch"))
                .submissionId(rs.getString("submission_id")).round(rs.getInt("round_no")).version(rs.getInt("version"))
                .build();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static Date sql(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static Timestamp sql(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    /**
     * Makes sure the day has its counter row, outside any transaction (a failed insert would spoil the transaction
     * it ran in on PostgreSQL).
     */
    void ensureCounter(LocalDate day) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM case_counter WHERE issued_on = ?", Integer.class, sql(day)) == 0) {
            try {
                jdbc.update("INSERT INTO case_counter (issued_on, last_no) VALUES (?, 0)", sql(day));
            } catch (DuplicateKeyException anotherHubFirst) {
                // the row is there: that is all we wanted
            }
        }
    }

    /**
     * 办件编号: {@code TB}, the day (Beijing) and the day's serial number — {@code TB20261130000042}. The counter's row
     * stays locked until the case is committed, so numbers are issued in order and never twice.
     */
    String nextNumber(LocalDate day) {
        if (jdbc.update("UPDATE case_counter SET last_no = last_no + 1 WHERE issued_on = ?", sql(day)) != 1) {
            jdbc.update("INSERT INTO case_counter (issued_on, last_no) VALUES (?, 1)", sql(day));
        }
        Integer no = jdbc.queryForObject("SELECT last_no FROM case_counter WHERE issued_on = ?", Integer.class, sql(day));
        return "TB" + DAY.format(day) + String.format("%06d", no);
    }

    void insert(CaseRecord c) {
        jdbc.update("INSERT INTO service_case (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                c.caseNumber(), c.parentNumber(), c.bundle(), c.part(), c.itemCode(), c.item(), c.title(),
                c.department(), c.applicantSubject(), c.applicantName(), c.applicantIdNumber(), c.actingForUscc(),
                c.actingForName(), c.channel(), c.serviceWindow(), c.receivedWindow(), c.receivedBy(),
                sql(LocalDate.ofInstant(c.submittedAt(), BeijingTime.ZONE)), c.status().name(),
                c.outcome() == null ? null : c.outcome().name(), c.reason(), c.resultRef(), c.departmentRef(),
                c.formJson(), c.promisedDays(), sql(c.submittedAt()), sql(c.acceptedOn()), sql(c.dueOn()),
                sql(c.correctionSince()), sql(c.finishedAt()), c.dispatch(), c.submissionId(), c.round(), c.version());
        writeFact(c, true);
    }

    /** Writes a changed case over the version it was read at (inside the transaction that {@link #lock}ed it). */
    void update(CaseRecord c) {
        int updated = jdbc.update("UPDATE service_case SET status = ?, outcome = ?, reason = ?, result_ref = ?, "
                        + "department_ref = ?, form_json = ?, accepted_on = ?, due_on = ?, correction_since = ?, "
                        + "finished_at = ?, dispatch = ?, submission_id = ?, round_no = ?, version = version + 1 "
                        + "WHERE case_number = ? AND version = ?",
                c.status().name(), c.outcome() == null ? null : c.outcome().name(), c.reason(), c.resultRef(),
                c.departmentRef(), c.formJson(), sql(c.acceptedOn()), sql(c.dueOn()), sql(c.correctionSince()),
                sql(c.finishedAt()), c.dispatch(), c.submissionId(), c.round(), c.caseNumber(), c.version());
        if (updated != 1) {
            throw new IllegalStateException("case " + c.caseNumber() + " changed under a lock");
        }
        writeFact(c, false);
    }

    Optional<CaseRecord> find(String caseNumber) {
        return jdbc.query("SELECT " + COLUMNS + " FROM service_case WHERE case_number = ?", ROW, caseNumber)
                .stream().findFirst();
    }

    /** Reads the case and locks it until the transaction ends. */
    Optional<CaseRecord> lock(String caseNumber) {
        return jdbc.query("SELECT " + COLUMNS + " FROM service_case WHERE case_number = ? FOR UPDATE", ROW, caseNumber)
                .stream().findFirst();
    }

    List<CaseRecord> parts(String parentNumber) {
        return jdbc.query("SELECT " + COLUMNS + " FROM service_case WHERE parent_number = ? ORDER BY case_number", ROW,
                parentNumber);
    }

    /**
     * A person's own cases (parents and single cases, not parts), newest first — online or taken in at a window,
     * the person is the same.
     */
    List<CaseRecord> ofApplicant(String idNumber, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM service_case WHERE applicant_id_number = ? AND parent_number IS NULL "
                + "ORDER BY submitted_at DESC FETCH FIRST " + limit + " ROWS ONLY", ROW, idNumber);
    }

    /** A window's cases (single cases and parts — what staff act on); open ones only, if asked. */
    List<CaseRecord> ofWindow(String window, boolean openOnly, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM service_case WHERE service_window = ? AND bundle IS NULL"
                + (openOnly ? " AND status NOT IN ('NOT_ACCEPTED', 'FINISHED', 'WITHDRAWN')" : "")
                + " ORDER BY submitted_at DESC FETCH FIRST " + limit + " ROWS ONLY", ROW, window);
    }

    /** Parts to send (READY) and parts sent whose submission's outcome is not known here yet (SENT). */
    List<String> toDispatch(int limit) {
        return jdbc.queryForList("SELECT case_number FROM service_case WHERE dispatch IN ('READY', 'SENT') "
                + "ORDER BY submitted_at FETCH FIRST " + limit + " ROWS ONLY", String.class);
    }

    void addEvent(String caseNumber, Instant at, CaseStatus status, String note, String actor, String requestId) {
        Integer last = jdbc.queryForObject("SELECT MAX(seq) FROM case_event WHERE case_number = ?", Integer.class,
                caseNumber);
        jdbc.update("INSERT INTO case_event (case_number, seq, happened_at, status, note, actor, request_id) VALUES (?,?,?,?,?,?,?)",
                caseNumber, last == null ? 1 : last + 1, sql(at), status.name(), cut(note, 500), cut(actor, 255),
                requestId);
    }

    List<Event> events(String caseNumber) {
        return jdbc.query("SELECT seq, happened_at, status, note, actor, request_id FROM case_event WHERE case_number = ? "
                + "ORDER BY seq", (rs, n) -> new Event(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                CaseStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6)), caseNumber);
    }

    void giveConsent(String caseNumber, String department, String service, String material, Instant at, String by) {
        jdbc.update("INSERT INTO case_consent (case_number, department, service, material, given_at, given_by) "
                + "VALUES (?,?,?,?,?,?)", caseNumber, department, service, material, sql(at), by);
    }

    boolean revokeConsent(String caseNumber, String department, String service, Instant at) {
        return jdbc.update("UPDATE case_consent SET revoked_at = ? WHERE case_number = ? AND department = ? "
                + "AND service = ? AND revoked_at IS NULL", sql(at), caseNumber, department, service) == 1;
    }

    Optional<Consent> consent(String caseNumber, String department, String service) {
        return consents(caseNumber).stream()
                .filter(c -> c.department().equals(department) && c.service().equals(service)).findFirst();
    }

    List<Consent> consents(String caseNumber) {
        return jdbc.query("SELECT department, service, material, given_at, given_by, revoked_at FROM case_consent "
                + "WHERE case_number = ? ORDER BY material", (rs, n) -> new Consent(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5), instant(rs.getTimestamp(6))), caseNumber);
    }

    void putMaterial(String caseNumber, Material m) {
        jdbc.update("DELETE FROM case_material WHERE case_number = ? AND material = ?", caseNumber, m.material());
        jdbc.update("INSERT INTO case_material (case_number, material, source, department, service, fetched_at, "
                        + "log_request_id, content) VALUES (?,?,?,?,?,?,?,?)", caseNumber, m.material(), m.source(),
                m.department(), m.service(), sql(m.fetchedAt()), m.logRequestId(), m.content());
    }

    List<Material> materials(String caseNumber) {
        return jdbc.query("SELECT material, source, department, service, fetched_at, log_request_id, content "
                + "FROM case_material WHERE case_number = ? ORDER BY material", (rs, n) -> new Material(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs.getTimestamp(5)),
                rs.getString(6), rs.getString(7)), caseNumber);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
