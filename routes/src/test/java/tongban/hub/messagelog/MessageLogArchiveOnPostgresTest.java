package tongban.hub.messagelog;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.hub.support.TestPostgres;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL (the production database) {@code message_log} is partitioned by Beijing day (migration V13): an
 * archived day leaves by dropping its partition, never with a row that is not in an archive yet — an entry of a day
 * written after the next day's first (a straggler) goes with the file that holds it, and its partition is dropped
 * only once every row in it is archived. The chain verifies across the archives and into the database.
 */
class MessageLogArchiveOnPostgresTest {

    private static final String SIGNING = "MC4CAQAwBQYDK2VwBCIEIK5M9bZ6swKYWyuRF8Ty+M9nX4RnbGveg5wZZbmRU+du";
    private static final String VERIFYING = "MCowBQYDK2VwAyEAOVikGapyln7DSER0a/fXj376ltnWLdAyppmjlrsnIJw=";

    @Test
    void archivedDaysLeaveByDroppingTheirPartitionsAndTheChainStillVerifies(@TempDir Path archive) throws Exception {
        String url = TestPostgres.freshDatabase("partitions");
        DriverManagerDataSource db = new DriverManagerDataSource(url, TestPostgres.USER, TestPostgres.PASSWORD);
        Flyway.configure().dataSource(db).locations("classpath:db/migration", "classpath:db/vendor/postgresql").load()
                .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        MessageLogStore store = new MessageLogStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)));
        assertThat(store.partitionedByDay()).isTrue();

        LocalDate today = LocalDate.now(MessageLogArchiving.BEIJING);
        LocalDate first = today.minusDays(200);
        LocalDate second = first.plusDays(1);
        assertThat(store.createDayPartition(first)).isTrue();
        assertThat(store.createDayPartition(second)).isTrue();
        store.append(List.of(entry(first, "09:00"), entry(first, "17:30"), entry(second, "00:00:00.010"),
                entry(first, "23:59:59.999"), // written after the next day's first: a straggler of the first day
                entry(second, "10:00"), entry(today, "08:00")), List.of());
        assertThat(partitions(jdbc)).contains(partition(first), partition(second), partition(today));

        MessageLogArchiving archiving = new MessageLogArchiving(store, new ArchiveDirectory(archive),
                ArchiveKey.of(SIGNING, VERIFYING), properties(archive), new TransactionTemplate(
                new DataSourceTransactionManager(db)), Clock.systemUTC(), new SimpleMeterRegistry());
        MessageLogArchiving.Run run = archiving.archive();

        assertThat(run.archived()).extracting(ArchiveManifest::period).containsExactly(first, second);
        assertThat(run.archived()).extracting(ArchiveManifest::lastSeq).as("the straggler goes with the first file")
                .containsExactly(4L, 5L);
        assertThat(run.entriesRemoved()).isEqualTo(5);
        assertThat(partitions(jdbc)).doesNotContain(partition(first), partition(second)).contains(partition(today));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_log", Long.class)).isEqualTo(1);

        ChainVerification verified = new ChainVerifier(store, new ArchiveDirectory(archive),
                ArchiveKey.of(SIGNING, VERIFYING)).verify();
        assertThat(verified.intact()).as(verified.problem()).isTrue();
        assertThat(verified.archivesChecked()).isEqualTo(2);
        assertThat(verified.entriesChecked()).isEqualTo(6);
        TestPostgres.drop(url);
    }

    private static LogEntry entry(LocalDate day, String time) {
        Instant at = day.atTime(LocalTime.parse(time)).atZone(MessageLogArchiving.BEIJING).toInstant();
        return new LogEntry("pg-" + day + "-" + time, at, "tongban-cli", "s-1", "zhangsan", null, "public-security",
                "identity-verification", null, "OK", 200, 3, "a".repeat(64), "b".repeat(64));
    }

    private static MessageLogProperties properties(Path archive) {
        return new MessageLogProperties("test-only", 256, Duration.ZERO, new MessageLogProperties.Archive(archive,
                Duration.ofDays(180), Duration.ofDays(1095), Duration.ofHours(1), Duration.ofMinutes(5), SIGNING,
                VERIFYING));
    }

    private static List<String> partitions(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'message_log'", String.class);
    }

    private static String partition(LocalDate day) {
        return "message_log_d" + day.toString().replace("-", "");
    }
}
