package tongban.hub.messagelog;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /**
     * Streams the entries up to {@code lastSeq} in chain order. A head read before holds: entries after it are being
     * written while the walk reads, and are left for the next verification.
     */
    void forEachUpTo(long lastSeq, Consumer<StoredEntry> consumer) {
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT " + COLUMNS + " FROM message_log WHERE seq <= ? ORDER BY seq");
            statement.setLong(1, lastSeq);
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

    /** The oldest entry still in the database, if any. */
    Optional<StoredEntry> oldest() {
        return jdbc.query("SELECT " + COLUMNS + " FROM message_log ORDER BY seq FETCH FIRST 1 ROWS ONLY",
                (rs, i) -> read(rs)).stream().findFirst();
    }

    /** When the entry with this sequence number was logged; empty when it is not in the database. */
    Optional<Instant> loggedAt(long seq) {
        return jdbc.query("SELECT logged_at FROM message_log WHERE seq = ?", (rs, i) -> rs.getTimestamp(1).toInstant(),
                seq).stream().findFirst();
    }

    /** Streams the entries from {@code fromSeq} to {@code toSeq} (both included) in chain order. */
    void forEachBetween(long fromSeq, long toSeq, Consumer<StoredEntry> consumer) {
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT " + COLUMNS + " FROM message_log WHERE seq BETWEEN ? AND ? "
                    + "ORDER BY seq");
            statement.setLong(1, fromSeq);
            statement.setLong(2, toSeq);
            statement.setFetchSize(1000);
            return statement;
        }, (RowCallbackHandler) rs -> consumer.accept(read(rs)));
    }

    /** Holds the archiving lock until the surrounding transaction ends: one hub archives at a time. */
    void lockArchiving() {
        jdbc.query("SELECT id FROM message_log_archiving WHERE id = 1 FOR UPDATE", rs -> { });
    }

    /** Records that an archive file now holds these entries (they are deleted after, {@link #deleteArchived}). */
    void recordArchive(ArchiveManifest m, Instant at) {
        jdbc.update("INSERT INTO message_log_archive (period, data_file, entries, first_seq, last_seq, last_hash, "
                        + "archived_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Date.valueOf(m.period()), m.dataFile(),
                m.entries(), m.firstSeq(), m.lastSeq(), m.lastHash(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    /** The last archive recorded, if any. */
    Optional<ArchivedPeriod> lastArchive() {
        return jdbc.query("SELECT period, last_seq, entries, archived_at FROM message_log_archive ORDER BY last_seq DESC "
                        + "FETCH FIRST 1 ROWS ONLY", (rs, i) -> new ArchivedPeriod(rs.getDate(1).toLocalDate(),
                        rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant()))
                .stream().findFirst();
    }

    /**
     * Deletes archived entries (sequence numbers up to {@code lastSeq}) a batch at a time, each batch its own
     * transaction — no hour-long transaction holding a day of rows; a crash between batches is finished next time.
     */
    long deleteArchived(long lastSeq) {
        long deleted = 0;
        while (true) {
            Long batchEnd = jdbc.queryForObject("SELECT MAX(seq) FROM (SELECT seq FROM message_log WHERE seq <= ? "
                    + "ORDER BY seq FETCH FIRST 10000 ROWS ONLY) b", Long.class, lastSeq);
            if (batchEnd == null) {
                return deleted;
            }
            deleted += tx.execute(status -> jdbc.update("DELETE FROM message_log WHERE seq <= ?", batchEnd));
        }
    }

    /** The last chain head anchored, by any hub. */
    long lastAnchoredSeq() {
        return jdbc.queryForObject("SELECT last_anchor_seq FROM message_log_archiving WHERE id = 1", Long.class);
    }

    void recordAnchor(long seq, Instant at) {
        jdbc.update("UPDATE message_log_archiving SET last_anchor_seq = ?, last_anchor_at = ? WHERE id = 1 "
                + "AND last_anchor_seq < ?", seq, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), seq);
    }

    /** Whether {@code message_log} is partitioned by day (PostgreSQL, migration V13); H2 keeps one table. */
    boolean partitionedByDay() {
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(product) && Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM "
                + "pg_partitioned_table t JOIN pg_class c ON c.oid = t.partrelid WHERE c.relname = 'message_log')",
                Boolean.class));
    }

    /**
     * Makes the partition of one Beijing day unless it exists; false when the default partition already holds rows of
     * that day (PostgreSQL cannot then make it: the day stays in the default and leaves by delete).
     */
    boolean createDayPartition(LocalDate day) {
        OffsetDateTime from = day.atStartOfDay(MessageLogArchiving.BEIJING).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(MessageLogArchiving.BEIJING).toOffsetDateTime();
        try {
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + partition(day) + " PARTITION OF message_log FOR VALUES FROM ('"
                    + from + "') TO ('" + to + "')");
            return true;
        } catch (DataAccessException rowsAlreadyInTheDefault) {
            return false;
        }
    }

    /**
     * Drops the partitions of days up to {@code period} whose entries are all archived (sequence numbers up to
     * {@code lastSeq}, or none at all); returns how many entries left with them.
     */
    long dropArchivedPartitions(LocalDate period, long lastSeq) {
        long removed = 0;
        List<String> partitions = jdbc.queryForList("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = "
                + "i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'message_log' AND c.relname "
                + "LIKE 'message_log_d%' ORDER BY c.relname", String.class);
        for (String name : partitions) {
            if (name.compareTo(partition(period)) > 0) {
                break;
            }
            Long max = jdbc.queryForObject("SELECT MAX(seq) FROM " + name, Long.class);
            if (max == null || max <= lastSeq) {
                Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + name, Long.class);
                jdbc.execute("DROP TABLE " + name);
                removed += rows == null ? 0 : rows;
            }
        }
        return removed;
    }

    /** The partition's name: {@code message_log_d20261207} (made by the hub or by migration V13 only). */
    private static String partition(LocalDate day) {
        return "message_log_d" + day.toString().replace("-", "");
    }

    /** An archive recorded: its day, its last entry, how many it holds and when it was made. */
    record ArchivedPeriod(LocalDate period, long lastSeq, long entries, Instant archivedAt) {
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
