package tongban.hub.cases;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tongban.hub.web.BeijingTime;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The pledges (告知承诺) cases were approved on, and what the departments' checks afterwards found. */
@Repository
class CommitmentStore {

    /** Where a check stands. */
    enum CheckResult { DUE, PASSED, FAILED }

    /** One case's pledge and its check. */
    record Pledge(String caseNumber, String pledgeText, Instant pledgedAt, String department, LocalDate checkDueOn,
                  CheckResult result, Instant checkedAt, String checkedBy, String reason, Instant escalatedAt) {
    }

    private static final RowMapper<Pledge> PLEDGE = (rs, n) -> new Pledge(rs.getString("case_number"),
            rs.getString("pledge_text"), rs.getTimestamp("pledged_at").toInstant(), rs.getString("department"),
            rs.getDate("check_due_on").toLocalDate(), CheckResult.valueOf(rs.getString("check_result")),
            instant(rs.getTimestamp("checked_at")), rs.getString("checked_by"), rs.getString("check_reason"),
            instant(rs.getTimestamp("escalated_at")));

    private final JdbcTemplate jdbc;

    CommitmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    void insert(String caseNumber, String pledgeText, Instant pledgedAt, String department, LocalDate checkDueOn) {
        jdbc.update("INSERT INTO case_commitment (case_number, pledge_text, pledged_at, department, check_due_on, "
                        + "check_result) VALUES (?,?,?,?,?,'DUE')", caseNumber, pledgeText, Timestamp.from(pledgedAt),
                department, Date.valueOf(checkDueOn));
    }

    Optional<Pledge> find(String caseNumber) {
        return jdbc.query("SELECT * FROM case_commitment WHERE case_number = ?", PLEDGE, caseNumber).stream()
                .findFirst();
    }

    /** @return false when the check was already reported */
    boolean report(String caseNumber, CheckResult result, Instant at, String by, String reason) {
        return jdbc.update("UPDATE case_commitment SET check_result = ?, checked_at = ?, checked_on = ?, checked_by = ?, "
                        + "check_reason = ? WHERE case_number = ? AND check_result = 'DUE'", result.name(),
                Timestamp.from(at), Date.valueOf(LocalDate.ofInstant(at, BeijingTime.ZONE)), by, reason,
                caseNumber) == 1;
    }

    /** Checks still due of one department (all when null), the earliest deadline first. */
    List<Pledge> due(String department, int limit) {
        return department == null
                ? jdbc.query("SELECT * FROM case_commitment WHERE check_result = 'DUE' ORDER BY check_due_on, "
                + "case_number FETCH FIRST " + limit + " ROWS ONLY", PLEDGE)
                : jdbc.query("SELECT * FROM case_commitment WHERE check_result = 'DUE' AND department = ? "
                + "ORDER BY check_due_on, case_number FETCH FIRST " + limit + " ROWS ONLY", PLEDGE, department);
    }

    /** Marks the checks past their day as escalated (督办), once; @return how many were escalated now */
    int escalateOverdue(LocalDate today, Instant at) {
        return jdbc.update("UPDATE case_commitment SET escalated_at = ? WHERE check_result = 'DUE' "
                + "AND check_due_on < ? AND escalated_at IS NULL", Timestamp.from(at), Date.valueOf(today));
    }

    int overdue(LocalDate today) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM case_commitment WHERE check_result = 'DUE' "
                + "AND check_due_on < ?", Integer.class, Date.valueOf(today));
        return n == null ? 0 : n;
    }
}
