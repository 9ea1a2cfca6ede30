package tongban.hub.database;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database written the way the hub writes it — small transactions committed one by one with {@code WRITE_DELAY=0},
 * each leaving a chunk behind — gets emptier and emptier chunks unless something rewrites them; the upkeep does.
 */
class EmbeddedDatabaseUpkeepTest {

    @TempDir
    Path dir;

    @Test
    void rewritesTheChunksCommitsLeaveHalfEmptyAndShrinksTheFile() {
        try (SingleConnectionDataSource db = database("upkept")) {
            JdbcTemplate jdbc = new JdbcTemplate(db);
            EmbeddedDatabaseUpkeep upkeep = new EmbeddedDatabaseUpkeep(db, new SimpleMeterRegistry());

            writeOneByOne(jdbc, 0, 3_000);
            long sizeBefore = info(jdbc, "FILE_SIZE");
            long fillBefore = info(jdbc, "CHUNKS_FILL_RATE");
            for (int round = 0; round < 200 && upkeep.upkeep(); round++) {
                // as the scheduler would, until nothing is left below the target
            }
            upkeep.upkeep();
            assertThat(fillBefore).as("chunk fill rate left by one commit per row").isLessThan(30);
            assertThat(info(jdbc, "CHUNKS_FILL_RATE")).as("chunk fill rate after the upkeep")
                    .isGreaterThanOrEqualTo(EmbeddedDatabaseUpkeep.TARGET_FILL_RATE);
            assertThat(info(jdbc, "FILE_SIZE")).as("file after the upkeep").isLessThan(sizeBefore / 3);
            assertThat(upkeep.chunkFillRate()).as("the gauge").isGreaterThanOrEqualTo(EmbeddedDatabaseUpkeep.TARGET_FILL_RATE);
            assertThat(upkeep.fileBytes()).as("the gauge").isEqualTo(info(jdbc, "FILE_SIZE"));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM entry", Long.class)).isEqualTo(3_000L);
        }
    }

    @Test
    void keepsTheFileFromGrowingWithEveryCommit() {
        long without;
        try (SingleConnectionDataSource db = database("left-alone")) {
            JdbcTemplate jdbc = new JdbcTemplate(db);
            for (int round = 0; round < 6; round++) {
                writeOneByOne(jdbc, round * 3_000, 3_000);
            }
            without = info(jdbc, "FILE_SIZE");
        }
        try (SingleConnectionDataSource db = database("upkept")) {
            JdbcTemplate jdbc = new JdbcTemplate(db);
            EmbeddedDatabaseUpkeep upkeep = new EmbeddedDatabaseUpkeep(db, new SimpleMeterRegistry());
            for (int round = 0; round < 6; round++) {
                writeOneByOne(jdbc, round * 3_000, 3_000);
                upkeep.upkeep(); // one round per 3,000 commits (the hub: one every 500 ms, ~1,000 commits at full load)
            }
            assertThat(info(jdbc, "FILE_SIZE")).as("the same writes left alone made " + without)
                    .isLessThan(without / 2);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM entry", Long.class)).isEqualTo(18_000L);
        }
    }

    @Test
    void aDatabaseThatIsNotAnEmbeddedH2FileIsLeftAlone() {
        try (SingleConnectionDataSource db = new SingleConnectionDataSource("jdbc:h2:mem:upkeep", "sa", "", true)) {
            EmbeddedDatabaseUpkeep upkeep = new EmbeddedDatabaseUpkeep(db, new SimpleMeterRegistry());
            assertThat(upkeep.upkeep()).isFalse();
            assertThat(upkeep.fileBytes()).isZero();
        }
    }

    /** Written as the hub writes: every commit on disk before it returns ({@code WRITE_DELAY=0}). */
    private SingleConnectionDataSource database(String name) {
        // RETENTION_TIME=0: freed chunks may be reused at once (the hub keeps H2's 45 s; a test cannot wait that long)
        String url = "jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0";
        SingleConnectionDataSource db = new SingleConnectionDataSource(url, "sa", "", true);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.execute("CREATE TABLE entry (id BIGINT PRIMARY KEY, department VARCHAR(64), body VARCHAR(400))");
        jdbc.execute("CREATE INDEX entry_department ON entry (department, id)");
        return db;
    }

    private static long info(JdbcTemplate jdbc, String name) {
        return Long.parseLong(jdbc.queryForObject(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?", String.class, "info." + name));
    }

    private static void writeOneByOne(JdbcTemplate jdbc, int from, int count) {
        for (int i = from; i < from + count; i++) {
            jdbc.update("INSERT INTO entry VALUES (?, ?, ?)", i, "department-" + (i % 7), "x".repeat(300));
        }
    }
}
