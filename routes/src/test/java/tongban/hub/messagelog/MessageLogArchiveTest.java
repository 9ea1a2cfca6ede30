package tongban.hub.messagelog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.hub.support.HubTestBase;
import tongban.hub.support.MovableClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message log over its retention: entries past the online period leave the database for signed archive files
 * whose chain continues into the database; verification walks both and holds them against the signed anchors — so
 * a changed archive, and a chain rewritten in the database consistently to its head, are both found. A hub killed
 * between writing an archive and deleting its entries leaves neither a gap nor a second copy.
 *
 * <p>Time is moved, not waited for: entries are logged now and the archiver's clock is set 200 days ahead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MessageLogArchiveTest extends HubTestBase {

    private static final Path DATA_DIR = tempDir();

    @DynamicPropertySource
    static void ownDatabaseAndArchive(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", DATA_DIR::toString);
        registry.add("tongban.catalogue.sync-on-start", () -> "false");
    }

    @Autowired
    MessageLog log;
    @Autowired
    MessageLogArchiving archiving;
    @Autowired
    MessageLogAnchors anchors;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    MessageLogStore store;
    @Autowired
    ArchiveDirectory directory;
    @Autowired
    ArchiveKey key;
    @Autowired
    MovableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessageLogProperties properties;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long record(String outcome) {
        return log.record(new LogEntry("archive-" + outcome + "-" + System.nanoTime(), Instant.now(), "tongban-cli",
                "s-1", "zhangsan", "460100199001011230", "public-security", "identity-verification", null, outcome,
                200, 3, "a".repeat(64), "b".repeat(64)), Duration.ofSeconds(5));
    }

    private void daysLater(int days) {
        clock.setBeijing(Instant.now().plus(days, ChronoUnit.DAYS).atOffset(ZoneOffset.ofHours(8))
                .toLocalDateTime().toString());
    }

    @Test
    @Order(1)
    void entriesPastTheOnlinePeriodLeaveForASignedArchiveAndTheChainStillVerifiesEndToEnd() {
        for (int i = 0; i < 5; i++) {
            record("OK");
        }
        assertThat(anchors.anchor()).as("the head signed outside the database").isPresent();
        long online = jdbc.queryForObject("SELECT COUNT(*) FROM message_log", Long.class);

        daysLater(100);
        assertThat(archiving.archive().archived()).as("100 days: still online").isEmpty();

        daysLater(200);
        MessageLogArchiving.Run run = archiving.archive();

        assertThat(run.archived()).hasSize(1);
        ArchiveManifest archive = run.archived().get(0);
        assertThat(archive.entries()).isEqualTo(online);
        assertThat(archive.firstSeq()).isEqualTo(1);
        assertThat(archive.prevHash()).isEqualTo(StoredEntry.GENESIS);
        assertThat(key.verifies(archive.signedText(), archive.signature())).isTrue();
        assertThat(run.entriesRemoved()).isEqualTo(online);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_log", Long.class)).isZero();
        assertThat(store.lastArchive()).get().extracting(MessageLogStore.ArchivedPeriod::lastSeq)
                .isEqualTo(archive.lastSeq());

        clock.reset();
        record("OK"); // the chain goes on in the database from the archive's last hash
        record("OK");
        ChainVerification verified = verifier.verify();
        assertThat(verified.intact()).as(verified.problem()).isTrue();
        assertThat(verified.archivesChecked()).isEqualTo(1);
        assertThat(verified.anchorsChecked()).isEqualTo(1);
        assertThat(verified.entriesChecked()).isEqualTo(online + 2);

        daysLater(100);
        assertThat(archiving.archive().archived()).as("the entries logged since are not past the period yet").isEmpty();
    }

    @Test
    @Order(2)
    void aChangedArchiveFileIsFoundAndNamed(@TempDir Path copy) throws IOException {
        ArchiveManifest archive = directory.manifests().get(0);
        Path original = directory.dataFile(archive);
        Path tampered = copy.resolve(archive.dataFile());
        String lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(original))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tampered))) {
            out.write(lines.replaceFirst("\"outcome\":\"OK\"", "\"outcome\":\"NO_ACCESS_RIGHT\"")
                    .getBytes(StandardCharsets.UTF_8));
        }

        ChainVerification.Problem problem = ArchiveDirectory.check(tampered, archive, archive.prevHash(), key, e -> { });
        assertThat(problem).isNotNull();
        assertThat(problem.why()).contains(archive.dataFile());
        assertThat(ArchiveDirectory.check(original, archive, archive.prevHash(), key, e -> { })).isNull();

        // the auditor's command, with the public key only: the real file verifies, the changed one does not
        ArchiveKey auditor = ArchiveKey.verifyingOnly(properties.archive().verifyKey());
        assertThat(ArchiveVerification.verify(auditor, List.of(directory.manifestFile(archive)))).isTrue();
        Files.copy(directory.manifestFile(archive), copy.resolve(directory.manifestFile(archive).getFileName()));
        assertThat(ArchiveVerification.verify(auditor, List.of(tampered))).isFalse();
    }

    @Test
    @Order(3)
    void aHubKilledBetweenWritingAnArchiveAndDeletingItsEntriesLeavesNoGapAndNoSecondCopy() throws IOException {
        record("OK");
        daysLater(400);
        // the first half of a run, as a hub killed right after it would leave it: the file written, nothing recorded
        StoredEntry oldest = store.oldest().orElseThrow();
        long head = store.head().seq();
        LocalDate period = LocalDate.ofInstant(oldest.at(), MessageLogArchiving.BEIJING);
        ArchiveManifest written = directory.write(period, oldest.seq(), oldest.prevHash(),
                sink -> store.forEachBetween(oldest.seq(), head, e -> {
                    try {
                        sink.accept(e);
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                }), key, clock.instant());
        Files.writeString(directory.dataFile(written).resolveSibling("message-log-1999-01-01.jsonl.gz"), "half");

        MessageLogArchiving.Run run = archiving.archive();

        assertThat(run.archived()).singleElement().satisfies(m -> {
            assertThat(m.firstSeq()).isEqualTo(written.firstSeq());
            assertThat(m.signature()).as("the archive already written, not a second one").isEqualTo(written.signature());
        });
        assertThat(directory.manifests()).hasSize(2);
        assertThat(directory.dataFile(written).resolveSibling("message-log-1999-01-01.jsonl.gz"))
                .as("a data file without its manifest is a leftover").doesNotExist();
        clock.reset();
        ChainVerification verified = verifier.verify();
        assertThat(verified.intact()).as(verified.problem()).isTrue();
        assertThat(verified.archivesChecked()).isEqualTo(2);
    }

    /**
     * Whoever can write the database can change an entry and recompute every hash after it, and the head: the
     * chain in the database is then consistent — but not with the anchor signed before.
     */
    @Test
    @Order(4)
    void aChainRewrittenConsistentlyInTheDatabaseIsCaughtByTheAnchors() {
        long changed = record("NO_ACCESS_RIGHT");
        record("OK");
        assertThat(anchors.anchor()).isPresent();
        assertThat(verifier.verify().intact()).isTrue();

        List<StoredEntry> rows = new ArrayList<>();
        store.forEachBetween(changed, store.head().seq(), rows::add);
        String prev = rows.get(0).prevHash();
        for (StoredEntry e : rows) {
            String outcome = e.seq() == changed ? "OK" : e.outcome();
            String hash = StoredEntry.chainHash(prev, e.seq(), e.requestId(), e.at(), e.clientId(), e.callerSubject(),
                    e.callerName(), e.dataSubjectRef(), e.department(), e.service(), e.caseId(), outcome, e.status(),
                    e.latencyMs(), e.requestSha256(), e.responseSha256());
            jdbc.update("UPDATE message_log SET outcome = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?", outcome,
                    prev, hash, e.seq());
            prev = hash;
        }
        jdbc.update("UPDATE message_log_head SET last_hash = ? WHERE id = 1", prev);

        ChainVerification verified = verifier.verify();

        assertThat(verified.intact()).isFalse();
        assertThat(verified.problem()).contains("anchored", "rewritten");
    }

    /**
     * Verification reads the head first and walks the chain up to it: an entry logged while it walks (hubs go on
     * taking calls) is not taken for a gap between the walk and the head.
     */
    @Test
    @Order(5)
    void theWalkStopsAtTheHeadItReadWhateverIsLoggedMeanwhile() {
        record("OK");
        long head = store.head().seq();
        record("OK"); // logged after the head was read

        List<Long> walked = new ArrayList<>();
        store.forEachUpTo(head, e -> walked.add(e.seq()));

        assertThat(walked).isNotEmpty().allSatisfy(seq -> assertThat(seq).isLessThanOrEqualTo(head));
        assertThat(walked.get(walked.size() - 1)).isEqualTo(head);
        assertThat(store.head().seq()).isEqualTo(head + 1);
    }
}
