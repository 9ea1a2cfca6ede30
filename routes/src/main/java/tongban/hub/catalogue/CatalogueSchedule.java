package tongban.hub.catalogue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tongban.hub.problem.ExchangeFailure;

/** The nightly sync ({@code tongban.catalogue.sync-cron}); a failed run changes nothing and is tried next time. */
@Component
class CatalogueSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueSchedule.class);

    private final CatalogueSync sync;
    private final CatalogueStore store;
    private final boolean syncOnStart;

    CatalogueSchedule(CatalogueSync sync, CatalogueStore store,
                      @Value("${tongban.catalogue.sync-on-start:true}") boolean syncOnStart) {
        this.sync = sync;
        this.store = store;
        this.syncOnStart = syncOnStart;
    }

    /** A hub with an empty catalogue (a first start) fills it right away instead of waiting for the night. */
    @EventListener(ApplicationReadyEvent.class)
    void firstFill() {
        if (syncOnStart && store.count(null, null, null) == 0) {
            Thread first = new Thread(() -> {
                try {
                    sync.run("START");
                } catch (RuntimeException e) {
                    LOG.warn("first catalogue sync failed, nothing changed; the nightly sync will try again: {}",
                            e.getMessage());
                }
            }, "catalogue-first-sync");
            first.setDaemon(true);
            first.start();
        }
    }

    @Scheduled(cron = "${tongban.catalogue.sync-cron:0 30 2 * * *}")
    void nightly() {
        try {
            sync.run("SCHEDULE");
        } catch (ExchangeFailure e) {
            LOG.warn("scheduled catalogue sync failed, nothing changed: {} ({})", e.code(), e.getMessage());
        }
    }
}
