package tongban.hub.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tongban.hub.exchange.ExchangeProperties;
import tongban.hub.messagelog.Hashing;
import tongban.hub.messagelog.LogEntry;
import tongban.hub.messagelog.MessageLog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Puts every change of a case in the message log, right after the change is committed (a change rolled back is not
 * on the record; the changes of one transaction share one group commit of the log): outcome {@code CASE_<STATUS>}, the case number, who moved it and a hash of the change. The case's own history ({@code case_event}) is written in the change's transaction.
 */
@Component
class CaseLog implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CaseLog.class);
    static final String SERVICE = "case";
    /** The transaction's resource key for its case changes waiting to be logged. */
    private static final Object PENDING = new Object();

    private final MessageLog messageLog;
    private final ExchangeProperties exchange;
    /**
     * One thread: a case's changes reach the log in the order they were committed. Made on every start, as the
     * context may be stopped and started again (the test framework pauses the contexts it keeps for later).
     */
    private volatile ExecutorService writer = newWriter();

    CaseLog(MessageLog messageLog, ExchangeProperties exchange) {
        this.messageLog = messageLog;
        this.exchange = exchange;
    }

    void changed(CaseRecord c, CaseProgress.Step step) {
        String change = c.caseNumber() + "|" + step.to() + "|" + step.outcome() + "|" + step.reason() + "|"
                + step.result() + "|" + step.actor() + "|" + step.at();
        // no data subject: a change of a case is not a use of the applicant's data (their trail shows the fetches)
        LogEntry entry = new LogEntry(requestId(step, c), step.at(), "tongban-cases", null, step.actor(),
                null, c.department() == null ? "tongban" : c.department(), SERVICE, c.caseNumber(),
                "CASE_" + step.to().name(), 200, 0, Hashing.sha256(change.getBytes(StandardCharsets.UTF_8)),
                Hashing.sha256((c.caseNumber() + "|" + c.version()).getBytes(StandardCharsets.UTF_8)));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            record(List.of(entry));
            return;
        }
        // every change of one transaction (a bundle's parts and its parent) goes to the log together, once committed
        @SuppressWarnings("unchecked")
        List<LogEntry> pending = (List<LogEntry>) TransactionSynchronizationManager.getResource(PENDING);
        if (pending == null) {
            List<LogEntry> entries = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(PENDING, entries);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                    if (status == STATUS_COMMITTED) {
                        // not on this thread: it still holds the transaction's connection, which the log's writer
                        // may need — many changes at once would otherwise hold every connection waiting for the log
                        write(entries);
                    }
                }
            });
            pending = entries;
        }
        pending.add(entry);
    }

    private static String requestId(CaseProgress.Step step, CaseRecord c) {
        String base = step.requestId() == null ? "case" : step.requestId();
        String id = base + "/" + c.caseNumber() + "/" + step.to().name();
        return id.length() <= 64 ? id : id.substring(0, 64);
    }

    private volatile boolean running;

    private static ExecutorService newWriter() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "case-log");
            t.setDaemon(true);
            return t;
        });
    }

    /** On the writer; should it have stopped already (a change committed while stopping), on this thread. */
    private void write(List<LogEntry> entries) {
        try {
            writer.execute(() -> record(entries));
        } catch (RejectedExecutionException stopped) {
            record(entries);
        }
    }

    @Override
    public void start() {
        if (writer.isShutdown()) {
            writer = newWriter();
        }
        running = true;
    }

    /** Writes what is still waiting before the message log itself stops (a later phase stops first). */
    @Override
    public void stop() {
        running = false;
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096 + 1;
    }

    private void record(List<LogEntry> entries) {
        try {
            messageLog.recordAll(entries, exchange.logWaitTimeout());
        } catch (MessageLog.MessageLogUnavailable e) {
            // the changes are committed and in the cases' history; the log missed them and says so in the hub's log
            LOG.error("{} case changes ({}) are committed but the message log did not take them: {}", entries.size(),
                    entries.stream().map(x -> x.caseId() + " " + x.outcome()).toList(), e.getMessage());
        }
    }
}
