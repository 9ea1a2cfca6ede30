package tongban.hub.realname;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code real_name_check} table: one row a check public security answered. */
@Repository
class RealNameCheckStore {

    /** One check: what public security said ({@code MATCH}, {@code MISMATCH}, {@code NOT_FOUND}) and in words. */
    record Check(String subject, Instant checkedAt, String outcome, String reason, String requestId) {
    }

    private final JdbcTemplate jdbc;

    RealNameCheckStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(Check check) {
        jdbc.update("INSERT INTO real_name_check (subject, checked_at, outcome, reason, request_id) VALUES (?, ?, ?, ?, ?)",
                check.subject(), Timestamp.from(check.checkedAt()), check.outcome(), check.reason(), check.requestId());
    }

    /** The person's checks since that instant, oldest first. */
    List<Check> since(String subject, Instant from) {
        return jdbc.query("SELECT subject, checked_at, outcome, reason, request_id FROM real_name_check"
                        + " WHERE subject = ? AND checked_at >= ? ORDER BY checked_at, id",
                (row, n) -> new Check(row.getString(1), row.getTimestamp(2).toInstant(), row.getString(3),
                        row.getString(4), row.getString(5)), subject, Timestamp.from(from));
    }

    Optional<Check> latest(String subject) {
        return jdbc.query("SELECT subject, checked_at, outcome, reason, request_id FROM real_name_check"
                        + " WHERE subject = ? ORDER BY checked_at DESC, id DESC FETCH FIRST 1 ROWS ONLY",
                (row, n) -> new Check(row.getString(1), row.getTimestamp(2).toInstant(), row.getString(3),
                        row.getString(4), row.getString(5)), subject).stream().findFirst();
    }
}
