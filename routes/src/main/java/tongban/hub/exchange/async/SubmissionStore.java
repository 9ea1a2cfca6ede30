package tongban.hub.exchange.async;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The submission table. Every status change is one conditional UPDATE, so two consumers can never both win. */
@Repository
class SubmissionStore {

    private static final String COLUMNS = "id, client_id, idempotency_key, request_sha256, caller_subject, caller_name, "
            + "department, service, case_id, request_id, request_body, status, attempts, result_body, problem_code, "
            + "created_at, updated_at";
    private static final RowMapper<Submission> ROW = (rs, n) -> new Submission(rs.getString("id"),
            rs.getString("client_id"), rs.getString("idempotency_key"), rs.getString("request_sha256"),
            rs.getString("caller_subject"), rs.getString("caller_name"), rs.getString("department"),
            rs.getString("service"), rs.getString("case_id"), rs.getString("request_id"), rs.getString("request_body"),
            Submission.Status.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("result_body"),
            rs.getString("problem_code"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    SubmissionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if the client already used this idempotency key */
    boolean insert(Submission s) {
        try {
            jdbc.update("INSERT INTO submission (" + COLUMNS + ", enqueued) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,FALSE)",
                    s.id(), s.clientId(), s.idempotencyKey(), s.requestSha256(), s.callerSubject(), s.callerName(),
                    s.department(), s.service(), s.caseId(), s.requestId(), s.requestBody(), s.status().name(),
                    s.attempts(), s.resultBody(), s.problemCode(), Timestamp.from(s.createdAt()),
                    Timestamp.from(s.updatedAt()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Submission> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM submission WHERE id = ?", ROW, id).stream().findFirst();
    }

    Optional<Submission> findByKey(String clientId, String idempotencyKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM submission WHERE client_id = ? AND idempotency_key = ?",
                ROW, clientId, idempotencyKey).stream().findFirst();
    }

    void markEnqueued(String id) {
        jdbc.update("UPDATE submission SET enqueued = TRUE WHERE id = ?", id);
    }

    /** Submissions accepted before {@code before} whose message is not known to be on a queue. */
    List<Submission> notEnqueued(Instant before, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM submission WHERE enqueued = FALSE AND created_at < ? "
                + "ORDER BY created_at FETCH FIRST " + limit + " ROWS ONLY", ROW, Timestamp.from(before));
    }

    /**
     * Takes a submission up for an attempt. A submission that is already final is not taken (a duplicate delivery);
     * one left PROCESSING by a consumer that died is taken again.
     *
     * @return the submission as taken up, or empty if it is final (or unknown)
     */
    Optional<Submission> claim(String id) {
        int updated = jdbc.update("UPDATE submission SET status = 'PROCESSING', attempts = attempts + 1, "
                + "enqueued = TRUE, updated_at = ? WHERE id = ? AND status NOT IN ('SUCCEEDED', 'FAILED')",
                Timestamp.from(Instant.now()), id);
        return updated == 0 ? Optional.empty() : find(id);
    }

    /** Records the outcome of an attempt, unless another delivery already finished the submission. */
    boolean finish(String id, Submission.Status status, String resultBody, String problemCode) {
        return jdbc.update("UPDATE submission SET status = ?, result_body = ?, problem_code = ?, updated_at = ? "
                        + "WHERE id = ? AND status NOT IN ('SUCCEEDED', 'FAILED')",
                status.name(), resultBody, problemCode, Timestamp.from(Instant.now()), id) == 1;
    }
}
