package tongban.hub.catalogue;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The catalogue tables. Writes happen only inside the sync's one transaction per run. */
@Repository
class CatalogueStore {

    private static final RowMapper<CatalogueItem> ITEM = (rs, n) -> new CatalogueItem(
            rs.getString("implementation_code"), rs.getString("basic_code"), rs.getString("name"),
            rs.getString("category"), rs.getString("department"), rs.getString("source_updated_at"),
            rs.getInt("version"));

    private final JdbcTemplate jdbc;

    CatalogueStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Code → content hash of every item, read under a lock that serialises concurrent runs (several hubs, too). */
    Map<String, String> lockAndReadHashes() {
        jdbc.query("SELECT run_no FROM catalogue_run WHERE run_no = 0 FOR UPDATE", rs -> { });
        return jdbc.query("SELECT implementation_code, content_sha256 FROM catalogue_item",
                        (rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    int nextRunNo() {
        Integer last = jdbc.queryForObject("SELECT MAX(run_no) FROM catalogue_run", Integer.class);
        return last == null ? 1 : last + 1;
    }

    void upsert(CatalogueItem item, String hash, boolean exists, Instant now) {
        if (exists) {
            jdbc.update("UPDATE catalogue_item SET basic_code = ?, name = ?, category = ?, department = ?, "
                            + "source_updated_at = ?, content_sha256 = ?, version = ?, synced_at = ? "
                            + "WHERE implementation_code = ?", item.basicCode(), item.name(), item.category(),
                    item.department(), item.sourceUpdatedAt(), hash, item.version(), Timestamp.from(now),
                    item.implementationCode());
        } else {
            jdbc.update("INSERT INTO catalogue_item (implementation_code, basic_code, name, category, department, "
                            + "source_updated_at, content_sha256, version, synced_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    item.implementationCode(), item.basicCode(), item.name(), item.category(), item.department(),
                    item.sourceUpdatedAt(), hash, item.version(), Timestamp.from(now));
        }
    }

    void delete(String implementationCode) {
        jdbc.update("DELETE FROM catalogue_item WHERE implementation_code = ?", implementationCode);
    }

    void saveRun(SyncReport r) {
        jdbc.update("INSERT INTO catalogue_run (run_no, run_trigger, started_at, finished_at, outcome, items_seen, "
                        + "added, changed, removed, rejected, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                r.runNo(), r.trigger(), Timestamp.from(r.startedAt()), Timestamp.from(r.finishedAt()),
                r.outcome().name(), r.itemsSeen(), r.added(), r.changed(), r.removed(), r.rejected(), r.reason());
        List<Object[]> rows = new ArrayList<>();
        for (SyncReport.Change c : r.changes()) {
            rows.add(new Object[]{r.runNo(), c.implementationCode(), c.kind().name(), c.detail()});
        }
        jdbc.batchUpdate("INSERT INTO catalogue_change (run_no, implementation_code, change_kind, detail) "
                + "VALUES (?,?,?,?)", rows);
    }

    List<SyncReport> recentRuns(int limit) {
        return jdbc.query("SELECT * FROM catalogue_run WHERE run_no > 0 ORDER BY run_no DESC FETCH FIRST "
                + limit + " ROWS ONLY", (rs, n) -> new SyncReport(rs.getInt("run_no"), rs.getString("run_trigger"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(),
                SyncReport.Outcome.valueOf(rs.getString("outcome")), rs.getInt("items_seen"), rs.getInt("added"),
                rs.getInt("changed"), rs.getInt("removed"), rs.getInt("rejected"), rs.getString("reason"), List.of()));
    }

    /** A page of items matching every given filter (null = any): name and department contain, code starts with. */
    List<CatalogueItem> search(String name, String department, String code, int offset, int limit) {
        Filter f = filter(name, department, code);
        return jdbc.query("SELECT * FROM catalogue_item" + f.where() + " ORDER BY implementation_code OFFSET "
                + offset + " ROWS FETCH FIRST " + limit + " ROWS ONLY", ITEM, f.args().toArray());
    }

    long count(String name, String department, String code) {
        Filter f = filter(name, department, code);
        return jdbc.queryForObject("SELECT COUNT(*) FROM catalogue_item" + f.where(), Long.class, f.args().toArray());
    }

    private record Filter(String where, List<Object> args) {
    }

    private static Filter filter(String name, String department, String code) {
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (name != null) {
            clauses.add("LOWER(name) LIKE ? ESCAPE '!'");
            args.add("%" + like(name.toLowerCase()) + "%");
        }
        if (department != null) {
            clauses.add("department LIKE ? ESCAPE '!'");
            args.add("%" + like(department) + "%");
        }
        if (code != null) {
            clauses.add("(implementation_code LIKE ? ESCAPE '!' OR basic_code LIKE ? ESCAPE '!')");
            args.add(like(code) + "%");
            args.add(like(code) + "%");
        }
        return new Filter(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), args);
    }

    private static String like(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
