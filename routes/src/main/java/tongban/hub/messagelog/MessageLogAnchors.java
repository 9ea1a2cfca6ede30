package tongban.hub.messagelog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Every {@code anchor-every}, signs the chain's head with the archive key and keeps it outside the database: a line
 * in the archive directory's anchor file (forced to disk) and one in the hub's log, which log shipping carries off
 * the machine. A head that has not moved since the last anchor is not signed again.
 */
@Component
public class MessageLogAnchors {

    private static final Logger LOG = LoggerFactory.getLogger(MessageLogAnchors.class);

    private final MessageLogStore store;
    private final ArchiveDirectory directory;
    private final ArchiveKey key;
    private final Clock clock;
    private volatile Instant lastAnchorAt;

    MessageLogAnchors(MessageLogStore store, ArchiveDirectory directory, ArchiveKey key, Clock clock,
                      MeterRegistry meters) {
        this.store = store;
        this.directory = directory;
        this.key = key;
        this.clock = clock;
        Gauge.builder("tongban_message_log_last_anchor_timestamp_seconds", this,
                        a -> a.lastAnchorAt == null ? 0 : a.lastAnchorAt.getEpochSecond())
                .description("When this hub last signed the chain's head outside the database").register(meters);
    }

    @Scheduled(initialDelayString = "${tongban.message-log.archive.anchor-every:5m}",
            fixedDelayString = "${tongban.message-log.archive.anchor-every:5m}")
    void scheduled() {
        try {
            anchor();
        } catch (RuntimeException e) {
            LOG.error("the message log's head could not be anchored (tried again): {}", e.getMessage());
        }
    }

    /** Signs and keeps the head now, unless it was anchored already; the anchor made, if any. */
    public Optional<Anchor> anchor() {
        MessageLogStore.Head head = store.head();
        if (head.seq() == 0 || head.seq() <= store.lastAnchoredSeq()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Anchor anchor = Anchor.signed(head.seq(), head.hash(), now, key);
        try {
            directory.append(anchor, LocalDate.ofInstant(now, MessageLogArchiving.BEIJING));
        } catch (IOException e) {
            throw new UncheckedIOException("the anchor file cannot be written", e);
        }
        store.recordAnchor(head.seq(), now);
        lastAnchorAt = now;
        LOG.info("message-log anchor seq={} hash={} at={} signature={}", anchor.seq(), anchor.hash(), anchor.at(),
                anchor.signature());
        return Optional.of(anchor);
    }

    /** The newest anchor kept, if any (for the ops console). */
    public Optional<Anchor> latest() {
        var all = directory.anchors();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
