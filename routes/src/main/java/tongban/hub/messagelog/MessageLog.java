package tongban.hub.messagelog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * 留痕 — the tamper-evident record of every exchange call. {@link #record} returns only once the entry
 * is committed, so no caller gets an answer that is not on the record. Entries from concurrent calls are
 * committed together by one writer thread (group commit): one transaction and one chain-head lock per
 * batch instead of per call.
 */
@Component
public class MessageLog implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MessageLog.class);

    private final MessageLogStore store;
    private final byte[] subjectKey;
    private final int maxBatch;
    private final long lingerNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
    /** After a failed commit the database is taken for down this long: calls are refused at once, not each after a wait. */
    private static final long DOWN_NANOS = TimeUnit.SECONDS.toNanos(1);
    private volatile long downUntil = System.nanoTime() - DOWN_NANOS;
    private volatile boolean running;
    private Thread writer;

    private final List<RecordedEntryListener> listeners;

    public MessageLog(MessageLogStore store, MessageLogProperties properties, List<RecordedEntryListener> listeners) {
        this.store = store;
        this.listeners = List.copyOf(listeners);
        this.subjectKey = properties.subjectKey().getBytes(StandardCharsets.UTF_8);
        this.maxBatch = properties.maxBatch();
        this.lingerNanos = properties.linger().toNanos();
    }

    /**
     * Records one call and waits until it is committed.
     *
     * @return the entry's sequence number
     * @throws MessageLogUnavailable if the entry could not be committed in time
     */
    public long record(LogEntry entry, Duration wait) {
        return record(entry, wait, null);
    }

    /**
     * Records one call together with a change of the caller's own (an UPDATE through the same data source), in one
     * transaction: either both are committed or neither — so that, say, a submission is never marked done without
     * its attempt on the record, nor recorded as done twice. Keep {@code alongside} to a short, simple statement
     * that cannot fail on its own account (use a savepoint from the given transaction if it might): if it fails,
     * the batch it is committed with fails.
     */
    public long record(LogEntry entry, Duration wait, Consumer<TransactionStatus> alongside) {
        if (System.nanoTime() - downUntil < 0) {
            throw new MessageLogUnavailable("the message log's database did not take the last entries", null);
        }
        Pending pending = new Pending(entry, new CompletableFuture<>(), alongside);
        try {
            if (!running || !queue.offer(pending, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new MessageLogUnavailable("message log is not accepting entries", null);
            }
            return pending.done().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageLogUnavailable("interrupted while recording", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new MessageLogUnavailable("message log entry was not committed", e);
        }
    }

    /**
     * Records several entries and waits until all are committed: queued together, they share one group commit
     * instead of waiting for one commit each.
     */
    public void recordAll(List<LogEntry> entries, Duration wait) {
        if (System.nanoTime() - downUntil < 0) {
            throw new MessageLogUnavailable("the message log's database did not take the last entries", null);
        }
        List<Pending> pending = new ArrayList<>(entries.size());
        try {
            for (LogEntry entry : entries) {
                Pending p = new Pending(entry, new CompletableFuture<>(), null);
                if (!running || !queue.offer(p, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new MessageLogUnavailable("message log is not accepting entries", null);
                }
                pending.add(p);
            }
            long until = System.nanoTime() + wait.toNanos();
            for (Pending p : pending) {
                p.done().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageLogUnavailable("interrupted while recording", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new MessageLogUnavailable("message log entries were not committed", e);
        }
    }

    /** The pseudonym under which an id number appears in the log. */
    public String subjectRef(String idNumber) {
        return idNumber == null ? null : Hashing.hmac(subjectKey, idNumber);
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (lingerNanos > 0 && batch.size() > 1) { // others are writing too: give them a moment to join
                    long until = System.nanoTime() + lingerNanos;
                    for (long left = lingerNanos; left > 0 && batch.size() < maxBatch; left = until - System.nanoTime()) {
                        Pending more = queue.poll(left, TimeUnit.NANOSECONDS);
                        if (more == null) {
                            break;
                        }
                        batch.add(more);
                        queue.drainTo(batch, maxBatch - batch.size());
                    }
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<LogEntry> entries = batch.stream().map(Pending::entry)
                    .map(e -> new LogEntry(e.requestId(), e.at(), e.clientId(), e.callerSubject(), e.callerName(),
                            subjectRef(e.dataSubject()), e.department(), e.service(), e.caseId(), e.outcome(),
                            e.status(), e.latencyMs(), e.requestSha256(), e.responseSha256()))
                    .toList();
            List<Consumer<TransactionStatus>> alongside = batch.stream().map(Pending::alongside)
                    .filter(a -> a != null).toList();
            long[] seqs = store.append(entries, alongside);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(seqs[i]);
            }
            for (LogEntry entry : entries) {
                for (RecordedEntryListener listener : listeners) {
                    try {
                        listener.recorded(entry);
                    } catch (RuntimeException e) {
                        LOG.warn("listener {} failed on entry {}", listener, entry.requestId(), e);
                    }
                }
            }
        } catch (RuntimeException e) {
            downUntil = System.nanoTime() + DOWN_NANOS;
            // those waiting behind this batch would meet the same database: they are answered now, not one wait later
            List<Pending> waiting = new ArrayList<>();
            queue.drainTo(waiting);
            LOG.error("message log batch of {} entries failed ({} more waiting); the calls are answered as failed",
                    batch.size(), waiting.size(), e);
            batch.forEach(p -> p.done().completeExceptionally(e));
            waiting.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::drain, "message-log-writer");
        writer.start();
    }

    /** Stops accepting entries and commits the ones already queued. */
    @Override
    public void stop() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops at a higher phase) has finished its requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    private record Pending(LogEntry entry, CompletableFuture<Long> done, Consumer<TransactionStatus> alongside) {
    }

    /** The log could not take an entry: the call must not be answered as if it were recorded. */
    public static class MessageLogUnavailable extends RuntimeException {
        MessageLogUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
