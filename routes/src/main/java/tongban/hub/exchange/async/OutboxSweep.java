package tongban.hub.exchange.async;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Queues what was stored but not queued — the hub stopped between the two, or the broker refused the send.
 * Sending twice is harmless: the broker drops a message whose duplicate id it has seen, and a consumer skips a
 * submission that is already finished.
 */
@Component
class OutboxSweep {

    private final SubmissionStore store;
    private final SubmissionService submissions;
    private final AsyncProperties properties;

    OutboxSweep(SubmissionStore store, SubmissionService submissions, AsyncProperties properties) {
        this.store = store;
        this.submissions = submissions;
        this.properties = properties;
    }

    @Scheduled(fixedDelay = 200)
    void markQueued() {
        submissions.markEnqueued();
    }

    @Scheduled(fixedDelayString = "${tongban.exchange.async.outbox-sweep-every:5s}",
            initialDelayString = "${tongban.exchange.async.outbox-sweep-every:5s}")
    void sweep() {
        submissions.markEnqueued();
        Instant before = Instant.now().minus(properties.outboxSweepAfter());
        List<Submission> waiting = store.notEnqueued(before, 500);
        for (int from = 0; from < waiting.size(); from += SubmissionService.BATCH) {
            submissions.enqueue(waiting.subList(from, Math.min(waiting.size(), from + SubmissionService.BATCH)));
        }
    }
}
