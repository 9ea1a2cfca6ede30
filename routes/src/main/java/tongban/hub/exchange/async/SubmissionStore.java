package tongban.hub.exchange.async;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionStatus;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Inserts within the caller's transaction (the message log's batch), behind a savepoint, so that a key used at
     * the same moment by another request costs only this row, not the batch.
     *
     * @return false if the client already used this idempotency key
     */
    boolean insert(Submission s, TransactionStatus tx) {
        Object savepoint = tx.createSavepoint();
        try {
            jdbc.update("INSERT INTO submission (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    s.id(), s.clientId(), s.idempotencyKey(), s.requestSha256(), s.callerSubject(), s.callerName(),
                    s.department(), s.service(), s.caseId(), s.requestId(), s.requestBody(), s.status().name(),
                    s.attempts(), s.resultBody(), s.problemCode(), Timestamp.from(s.createdAt()),
                    Timestamp.from(s.updatedAt()));
            tx.releaseSavepoint(savepoint);
            return true;
        } catch (DuplicateKeyException e) {
            tx.rollbackToSavepoint(savepoint);
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

    /**
     * Notes submissions as on their queue, many in one batch (the outbox sweep leaves them alone). Rows of their own,
     * so that these marks never wait for, or deadlock with, the status updates of the very same submissions.
     */
    void markEnqueued(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        // standard MERGE (H2 and PostgreSQL 15+): a submission queued twice (the sweep) is noted once
        jdbc.batchUpdate("MERGE INTO submission_queued q USING (VALUES (CAST(? AS VARCHAR(36)))) AS v(id) ON q.id = v.id "
                + "WHEN NOT MATCHED THEN INSERT (id) VALUES (v.id)",
                ids.stream().distinct().map(id -> new Object[]{id}).toList());
    }

    /** Submissions accepted before {@code before}, never attempted, and not known to be on a queue. */
    List<Submission> notEnqueued(Instant before, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM submission s WHERE status = 'ACCEPTED' AND attempts = 0 "
                + "AND created_at < ? AND NOT EXISTS (SELECT 1 FROM submission_queued q WHERE q.id = s.id) "
                + "ORDER BY created_at FETCH FIRST " + limit + " ROWS ONLY", ROW, Timestamp.from(before));
    }

    /**
     * Records the outcome of attempt number {@code attempt}, unless another delivery already finished the
     * submission. Runs in the transaction of the attempt's message-log entry: an attempt is counted exactly when
     * it is on the record.
     */
    boolean finish(String id, int attempt, Submission.Status status, String resultBody, String problemCode) {
        return jdbc.update("UPDATE submission SET status = ?, attempts = ?, result_body = ?, "
                        + "problem_code = ?, updated_at = ? WHERE id = ? AND status NOT IN ('SUCCEEDED', 'FAILED', 'DISCARDED')",
                status.name(), attempt, resultBody, problemCode, Timestamp.from(Instant.now()), id) == 1;
    }

    /** Those of {@code ids} that are settled: final, or in the dead-letter queue awaiting an operator. */
    List<String> settledAmong(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("SELECT id FROM submission WHERE status IN ('SUCCEEDED', 'FAILED', 'DISCARDED', "
                + "'DEAD_LETTERED') AND id IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")",
                String.class, ids.toArray());
    }

    /** An operator's decision on a dead-lettered submission: back to {@code RETRYING} (replay) or {@code DISCARDED}. */
    boolean decide(String id, Submission.Status to) {
        return jdbc.update("UPDATE submission SET status = ?, updated_at = ? WHERE id = ? AND status = 'DEAD_LETTERED'",
                to.name(), Timestamp.from(Instant.now()), id) == 1;
    }

    /** Records who did what to a dead letter, and why, in the caller's transaction. */
    void recordAction(String operator, String action, String department, String submissionId, String reason) {
        jdbc.update("INSERT INTO operator_action (acted_at, operator, action, department, submission_id, reason) "
                + "VALUES (?, ?, ?, ?, ?, ?)", Timestamp.from(Instant.now()), operator, action, department,
                submissionId, reason);
    }

    List<DeadLetters.Action> actions(String department, int limit) {
        return jdbc.query("SELECT acted_at, operator, action, submission_id, reason FROM operator_action "
                        + "WHERE department = ? ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new DeadLetters.Action(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), department);
    }

    /** Per department, the submissions accepted or being retried and the oldest's acceptance; idle ones left out. */
    Map<String, Backlog.Waiting> waitingByDepartment() {
        Map<String, Backlog.Waiting> waiting = new LinkedHashMap<>();
        jdbc.query("SELECT department, COUNT(*) AS n, MIN(created_at) AS oldest FROM submission "
                        + "WHERE status IN ('ACCEPTED', 'RETRYING') GROUP BY department",
                rs -> {
                    waiting.put(rs.getString("department"),
                            new Backlog.Waiting(rs.getLong("n"), rs.getTimestamp("oldest").toInstant()));
                });
        return waiting;
    }
}
