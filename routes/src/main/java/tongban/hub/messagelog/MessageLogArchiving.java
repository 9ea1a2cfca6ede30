package tongban.hub.messagelog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the database at its online period: whole Beijing days older than {@code retention} leave it for signed
 * archive files, one per day, whose chain continues from file to file and into the database; archives older than
 * {@code archive-retention} are removed. One hub at a time (a row lock), crash-safe: an archive counts only once
 * its manifest is in place and the file verifies, entries leave the database only after that, and a run that finds
 * a verified archive of the day it was about to write (a hub killed between the two) finishes the deletion instead.
 *
 * <p>Each file holds a run of the chain: from the oldest entry online to the last one logged before the day's end
 * (an entry logged a moment before midnight but written after the first of the next day stays with the next file).
 */
@Component
public class MessageLogArchiving {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Logger LOG = LoggerFactory.getLogger(MessageLogArchiving.class);
    /** Days archived in one run at most: a first run over a long backlog spreads over several hours. */
    private static final int DAYS_PER_RUN = 31;

    /** What a run did. */
    public record Run(List<ArchiveManifest> archived, long entriesRemoved, int archivesRemoved) {
    }

    /**
     * Where the log stands, for the ops console: the online period, the oldest entry online, the last archive
     * (its day, entries and when it was made) and the last anchor — each null while there is none.
     */
    public record Status(long retentionDays, Instant oldestOnline, LocalDate lastArchivedDay, Long lastArchivedEntries,
                         Instant lastArchivedAt, Instant lastAnchorAt) {
    }

    private final MessageLogStore store;
    private final ArchiveDirectory directory;
    private final ArchiveKey key;
    private final MessageLogProperties.Archive settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile Instant lastRun;

    MessageLogArchiving(MessageLogStore store, ArchiveDirectory directory, ArchiveKey key,
                        MessageLogProperties properties, TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.directory = directory;
        this.key = key;
        this.settings = properties.archive();
        this.tx = tx;
        this.clock = clock;
        Gauge.builder("tongban_message_log_oldest_online_age_seconds", this, a -> a.oldestOnlineAge())
                .description("Age of the oldest message-log entry in the database; above the online period, "
                        + "archiving has fallen behind").register(meters);
        Gauge.builder("tongban_message_log_last_archive_run_timestamp_seconds", this,
                        a -> a.lastRun == null ? 0 : a.lastRun.getEpochSecond())
                .description("When this hub last finished an archiving run").register(meters);
    }

    @Scheduled(initialDelayString = "${tongban.message-log.archive.every:1h}",
            fixedDelayString = "${tongban.message-log.archive.every:1h}")
    void scheduled() {
        try {
            Run run = archive();
            if (!run.archived().isEmpty() || run.archivesRemoved() > 0) {
                LOG.info("message log archived {} day(s), {} entries left the database, {} old archive(s) removed",
                        run.archived().size(), run.entriesRemoved(), run.archivesRemoved());
            }
        } catch (RuntimeException e) {
            LOG.error("message-log archiving failed (the entries stay in the database; it is tried again): {}",
                    e.getMessage(), e);
        }
    }

    /** Archives every closed day past the online period (up to a month of them) and removes expired archives. */
    public synchronized Run archive() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BEIJING);
        LocalDate firstOnlineDay = today.minusDays(settings.retention().toDays());
        List<ArchiveManifest> archived = new ArrayList<>();
        long removed = 0;
        try {
            directory.removeLeftovers();
            boolean partitioned = store.partitionedByDay();
            removed += store.lastArchive().map(a -> store.deleteArchived(a.lastSeq())).orElse(0L);
            for (int n = 0; n < DAYS_PER_RUN; n++) {
                Optional<ArchiveManifest> day = tx.execute(status -> {
                    store.lockArchiving();
                    return archiveOldestDay(firstOnlineDay, now);
                });
                if (day == null || day.isEmpty()) {
                    break;
                }
                archived.add(day.get());
                if (partitioned) {
                    removed += store.dropArchivedPartitions(day.get().period(), day.get().lastSeq());
                }
                removed += store.deleteArchived(day.get().lastSeq());
            }
            int expired = directory.removeOlderThan(today.minusDays(settings.archiveRetention().toDays()));
            directory.removeAnchorsOlderThan(firstOnlineDay.minusMonths(1));
            lastRun = now;
            return new Run(archived, removed, expired);
        } catch (IOException e) {
            throw new UncheckedIOException("the message-log archive directory cannot be written", e);
        }
    }

    /** Under the lock: the oldest day online, archived and recorded — or nothing, when it is not past the period. */
    private Optional<ArchiveManifest> archiveOldestDay(LocalDate firstOnlineDay, Instant now) {
        Optional<StoredEntry> oldest = store.oldest();
        Optional<MessageLogStore.ArchivedPeriod> last = store.lastArchive();
        if (oldest.isEmpty() || last.isPresent() && oldest.get().seq() <= last.get().lastSeq()) {
            return Optional.empty(); // nothing online, or another hub's deletion is still running
        }
        StoredEntry first = oldest.get();
        LocalDate period = LocalDate.ofInstant(first.at(), BEIJING);
        if (!period.isBefore(firstOnlineDay)) {
            return Optional.empty();
        }
        long lastSeq = lastLoggedBefore(first.seq(), store.head().seq(),
                period.plusDays(1).atStartOfDay(BEIJING).toInstant());
        ArchiveManifest manifest = directory.manifest(period, first.seq())
                .filter(earlier -> earlier.lastSeq() == lastSeq
                        && ArchiveDirectory.check(directory.dataFile(earlier), earlier, first.prevHash(), key,
                        e -> { }) == null)
                .orElseGet(() -> write(period, first, lastSeq, now));
        store.recordArchive(manifest, now);
        return Optional.of(manifest);
    }

    private ArchiveManifest write(LocalDate period, StoredEntry first, long lastSeq, Instant now) {
        try {
            ArchiveManifest manifest = directory.write(period, first.seq(), first.prevHash(),
                    sink -> store.forEachBetween(first.seq(), lastSeq, entry -> {
                        try {
                            sink.accept(entry);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }), key, now);
            // the file is read back and its chain checked before any entry leaves the database: a chain already
            // broken in the database is never archived (ops sees the failure and the verification says where)
            ChainVerification.Problem problem = ArchiveDirectory.check(directory.dataFile(manifest), manifest,
                    first.prevHash(), key, e -> { });
            if (problem != null) {
                Files.deleteIfExists(directory.manifestFile(manifest));
                throw new IllegalStateException("the archive of " + period + " does not verify, nothing was removed: "
                        + problem.why());
            }
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The last sequence number logged before {@code end}, found by halving between the oldest entry and the head
     * (primary-key lookups, no index on the time): entries are logged in time order but for a few milliseconds.
     */
    private long lastLoggedBefore(long low, long high, Instant end) {
        long lo = low;
        long hi = high;
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            Instant at = store.loggedAt(mid).orElse(end);
            if (at.isBefore(end)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public Status status() {
        Optional<MessageLogStore.ArchivedPeriod> last = store.lastArchive();
        List<Anchor> anchors = directory.anchors();
        return new Status(settings.retention().toDays(), store.oldest().map(StoredEntry::at).orElse(null),
                last.map(MessageLogStore.ArchivedPeriod::period).orElse(null),
                last.map(MessageLogStore.ArchivedPeriod::entries).orElse(null),
                last.map(MessageLogStore.ArchivedPeriod::archivedAt).orElse(null),
                anchors.isEmpty() ? null : anchors.get(anchors.size() - 1).at());
    }

    private double oldestOnlineAge() {
        try {
            return store.oldest().map(e -> (double) (clock.instant().getEpochSecond() - e.at().getEpochSecond()))
                    .orElse(0.0);
        } catch (RuntimeException databaseDown) {
            return Double.NaN;
        }
    }
}
