package tongban.hub.exchange.async;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Status reads that wait for the outcome ({@code Prefer: wait=N}, RFC 7240 §4.3): a client asks once and is answered
 * when its submission is settled — succeeded, failed for good, discarded, or in the dead-letter queue awaiting an
 * operator — or when its wait is up, whichever comes first; it need not ask again and again meanwhile.
 *
 * <p>The consumer that settles a submission says so at once ({@link #settled}). A submission settled elsewhere — by
 * another hub instance's consumer, or by an operator — is found by a look at the waited-for submissions once a second,
 * so that a wait never outlasts the outcome by more than that. A wait holds no request thread (the answer is written
 * asynchronously) and is bounded: at most {@link #LONGEST}, and at most {@link #MAX_WAITING} reads wait at once (the
 * others are answered at once, as without the preference).
 */
@Component
class SubmissionWaits implements DisposableBean {

    /** The longest wait granted, whatever the client prefers: below the servlet container's async timeout (30 s). */
    static final Duration LONGEST = Duration.ofSeconds(20);
    static final int MAX_WAITING = 10_000;

    /** The submissions waited for: the signal their waits share, and when the last of those waits is up. */
    private record Waited(CompletableFuture<Void> signal, long until) {
    }

    private final Map<String, Waited> waited = new ConcurrentHashMap<>();
    private final SubmissionStore store;
    /** Where the delayed answers are written from: never the consumer that settled the submission. */
    private final ExecutorService answering = Executors.newFixedThreadPool(2, new ThreadFactory() {
        private final AtomicInteger made = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "submission-wait-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    SubmissionWaits(SubmissionStore store) {
        this.store = store;
    }

    /**
     * A signal that completes when submission {@code id} is settled, or after {@code wait}; empty when too many reads
     * wait already.
     */
    Optional<CompletableFuture<Void>> until(String id, Duration wait) {
        if (waited.size() >= MAX_WAITING) {
            return Optional.empty();
        }
        long until = System.nanoTime() + wait.toNanos();
        Waited entry = waited.merge(id, new Waited(new CompletableFuture<>(), until),
                (old, added) -> new Waited(old.signal(), Math.max(old.until(), until)));
        return Optional.of(entry.signal().copy().completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Executor for the answers written once a wait ends. */
    Executor answering() {
        return answering;
    }

    /** Submission {@code id} is settled: its waiting reads are answered now. */
    void settled(String id) {
        Waited entry = waited.remove(id);
        if (entry != null) {
            entry.signal().complete(null);
        }
    }

    /** Settles the waited-for submissions that were settled elsewhere, and forgets those nobody waits for any more. */
    @Scheduled(fixedDelay = 1000)
    void look() {
        if (waited.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        waited.entrySet().removeIf(e -> e.getValue().until() - now < 0);
        List<String> ids = List.copyOf(waited.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            store.settledAmong(ids.subList(from, Math.min(ids.size(), from + 500))).forEach(this::settled);
        }
    }

    @Override
    public void destroy() {
        answering.shutdownNow();
    }
}
