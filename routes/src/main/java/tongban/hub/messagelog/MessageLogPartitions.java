package tongban.hub.messagelog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * On PostgreSQL, keeps a week of the message log's day partitions made ahead (from a few seconds after start, then
 * every six hours; any hub may, each day is made once): an archived day then leaves by dropping its partition.
 * Nothing to do on H2, which keeps one table.
 */
@Component
class MessageLogPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(MessageLogPartitions.class);
    static final int DAYS_AHEAD = 7;

    private final MessageLogStore store;
    private final Clock clock;

    MessageLogPartitions(MessageLogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "5s", fixedDelayString = "6h")
    void prepare() {
        try {
            if (!store.partitionedByDay()) {
                return;
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), MessageLogArchiving.BEIJING);
            for (int n = 0; n <= DAYS_AHEAD; n++) {
                if (!store.createDayPartition(today.plusDays(n))) {
                    LOG.warn("the message log's partition of {} cannot be made: the default partition holds rows of "
                            + "that day (they leave by delete when archived)", today.plusDays(n));
                }
            }
        } catch (RuntimeException databaseDown) {
            LOG.warn("the message log's partitions were not prepared (tried again): {}", databaseDown.getMessage());
        }
    }
}
