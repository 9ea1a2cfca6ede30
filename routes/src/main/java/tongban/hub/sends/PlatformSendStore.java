package tongban.hub.sends;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The platform's own sends: written with what caused them, then marked queued (its submission) or refused. */
@Repository
class PlatformSendStore {

    /** A send still to be queued on the exchange. */
    record Pending(String key, String department, String service, String requestJson, String caseId) {
    }

    private final JdbcTemplate jdbc;

    PlatformSendStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a send unless one with the key exists; true when added. Not a failed insert: on PostgreSQL that would spoil
     * the caller's transaction.
     */
    boolean addIfNew(String key, String department, String service, String requestJson, String caseId, Instant at) {
        return jdbc.update("INSERT INTO platform_send (send_key, department, service, request_json, case_id, created_at) "
                        + "SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM platform_send WHERE send_key = ?)",
                key, department, service, requestJson, caseId, Timestamp.from(at), key) > 0;
    }

    Optional<PlatformSends.Send> find(String key) {
        return jdbc.query("SELECT * FROM platform_send WHERE send_key = ?", (rs, n) -> new PlatformSends.Send(
                rs.getString("send_key"), rs.getString("department"), rs.getString("service"),
                rs.getString("case_id"), rs.getTimestamp("created_at").toInstant(), rs.getString("submission_id"),
                rs.getString("refused")), key).stream().findFirst();
    }

    int countWaiting() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM platform_send WHERE submission_id IS NULL AND refused IS NULL",
                Integer.class);
    }

    /** The oldest sends neither queued nor refused, at most 200 (one sweep's worth). */
    List<Pending> oldestWaiting() {
        return jdbc.query("SELECT send_key, department, service, request_json, case_id FROM platform_send "
                        + "WHERE submission_id IS NULL AND refused IS NULL ORDER BY created_at FETCH FIRST 200 ROWS ONLY",
                (rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
    }

    void markQueued(String key, String submissionId) {
        jdbc.update("UPDATE platform_send SET submission_id = ? WHERE send_key = ?", submissionId, key);
    }

    void markRefused(String key, String why) {
        jdbc.update("UPDATE platform_send SET refused = ? WHERE send_key = ?", why, key);
    }
}
