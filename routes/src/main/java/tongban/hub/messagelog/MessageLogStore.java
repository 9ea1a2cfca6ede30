package tongban.hub.messagelog;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The message-log tables, through plain JDBC. */
@Repository
class MessageLogStore {

    private static final String INSERT = """
            INSERT INTO message_log (seq, request_id, logged_at, client_id, caller_subject, caller_name,
                data_subject_ref, department, service, case_id, outcome, status, latency_ms,
                request_sha256, response_sha256, prev_hash, entry_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String COLUMNS = """
            seq, request_id, logged_at, client_id, caller_subject, caller_name, data_subject_ref, department,
            service, case_id, outcome, status, latency_ms, request_sha256, response_sha256, prev_hash, entry_hash""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    MessageLogStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Appends entries (subject already pseudonymised) to the chain in one transaction, together with the callers'
     * own changes; returns their seqs.
     */
    long[] append(List<LogEntry> entries, List<Consumer<TransactionStatus>> alongside) {
        return tx.execute(status -> {
            Head head = jdbc.queryForObject("SELECT last_seq, last_hash FROM message_log_head WHERE id = 1 FOR UPDATE",
                    (rs, i) -> new Head(rs.getLong(1), rs.getString(2)));
            long seq = head.seq();
            String hash = head.hash();
            long[] seqs = new long[entries.size()];
            List<Object[]> rows = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                LogEntry e = entries.get(i);
                // the column keeps milliseconds; hash exactly what will be read back
                Instant at = e.at().truncatedTo(ChronoUnit.MILLIS);
                seq++;
                String entryHash = StoredEntry.chainHash(hash, seq, e.requestId(), at, e.clientId(),
                        e.callerSubject(), e.callerName(), e.dataSubject(), e.department(), e.service(), e.caseId(),
                        e.outcome(), e.status(), e.latencyMs(), e.requestSha256(), e.responseSha256());
                rows.add(new Object[]{seq, e.requestId(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                        e.clientId(), e.callerSubject(), e.callerName(), e.dataSubject(), e.department(), e.service(),
                        e.caseId(), e.outcome(), e.status(), e.latencyMs(), e.requestSha256(), e.responseSha256(),
                        hash, entryHash});
                seqs[i] = seq;
                hash = entryHash;
            }
            jdbc.batchUpdate(INSERT, rows);
            jdbc.update("UPDATE message_log_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, hash);
            alongside.forEach(a -> a.accept(status));
            return seqs;
        });
    }

    Head head() {
        return jdbc.queryForObject("SELECT last_seq, last_hash FROM message_log_head WHERE id = 1",
                (rs, i) -> new Head(rs.getLong(1), rs.getString(2)));
    }

    /** Streams every entry in chain order. */
    void forEachInOrder(Consumer<StoredEntry> consumer) {
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT " + COLUMNS + " FROM message_log ORDER BY seq");
            statement.setFetchSize(1000);
            return statement;
        }, (RowCallbackHandler) rs -> consumer.accept(read(rs)));
    }

    List<StoredEntry> bySubject(String subjectRef, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM message_log WHERE data_subject_ref = ? ORDER BY seq DESC "
                + "FETCH FIRST " + limit + " ROWS ONLY", (rs, i) -> read(rs), subjectRef);
    }

    List<StoredEntry> search(MessageLogSearch.Criteria c, int limit) {
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (c.requestId() != null) {
            // two index lookups, the id itself and its attempts (<id>/<n>); an OR of the two would scan the table
            where.append(" AND seq IN (SELECT seq FROM message_log WHERE request_id = ? UNION ALL "
                    + "SELECT seq FROM message_log WHERE request_id LIKE ? ESCAPE '\\')");
            args.add(c.requestId());
            args.add(c.requestId().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
        }
        if (c.caseId() != null) {
            where.append(" AND case_id = ?");
            args.add(c.caseId());
        }
        if (c.department() != null) {
            where.append(" AND department = ?");
            args.add(c.department());
        }
        if (c.outcome() != null) {
            where.append(" AND outcome = ?");
            args.add(c.outcome());
        }
        if (c.from() != null) {
            where.append(" AND logged_at >= ?");
            args.add(OffsetDateTime.ofInstant(c.from(), ZoneOffset.UTC));
        }
        if (c.to() != null) {
            where.append(" AND logged_at < ?");
            args.add(OffsetDateTime.ofInstant(c.to(), ZoneOffset.UTC));
        }
        String sql = "SELECT " + COLUMNS + " FROM message_log WHERE 1 = 1" + where + " ORDER BY seq DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY";
        return jdbc.query(sql, (rs, i) -> read(rs), args.toArray());
    }

    private static StoredEntry read(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(3);
        return new StoredEntry(rs.getLong(1), rs.getString(2), at.toInstant(), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getInt(12), rs.getLong(13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17));
    }

    record Head(long seq, String hash) {
    }
}
