package tongban.hub.sends;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tongban.hub.exchange.CaseRules;
import tongban.hub.exchange.ExchangeRequest;
import tongban.hub.exchange.async.Submission;
import tongban.hub.exchange.async.SubmissionService;
import tongban.hub.messagelog.MessageLog;
import tongban.hub.problem.ExchangeFailure;
import tongban.sso.identity.Caller;
import tongban.sso.identity.RealNameLevel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the platform must tell a department because of something it has just recorded — a rating for the provincial
 * rating system, a work order for the department that must answer it, an outcome for the 12345 hotline. The send is
 * written in the caller's transaction (so it exists exactly when what caused it does) and queued on the asynchronous
 * exchange after commit under its key, which is also the submission's idempotency key: a hub that crashes between
 * the two queues it on the next look, and the exchange returns the first submission instead of making a second. The
 * exchange then waits for a department that is down, retries, dead-letters — nothing here is sent twice or lost.
 */
@Component
public class PlatformSends {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformSends.class);

    /** One send as kept. */
    public record Send(String key, String department, String service, String caseId, Instant createdAt,
                       String submissionId, String refused) {
    }

    private final PlatformSendStore store;
    private final SubmissionService submissions;
    private final SendsProperties properties;
    private final ObjectMapper json;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "platform-sends");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean asked = new AtomicBoolean();

    PlatformSends(PlatformSendStore store, SubmissionService submissions, SendsProperties properties, ObjectMapper json) {
        this.store = store;
        this.submissions = submissions;
        this.properties = properties;
        this.json = json;
    }

    /**
     * Records a send in the current transaction; queued once it commits. The same key twice is one send (the first).
     */
    public void queue(String key, String department, String service, JsonNode request, String caseId) {
        if (!store.addIfNew(key, department, service, request.toString(), caseId, Instant.now())) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    soon();
                }
            });
        } else {
            soon();
        }
    }

    public Optional<Send> find(String key) {
        return store.find(key);
    }

    /** How the send is faring on the exchange: empty while it is still to be queued (or was refused). */
    public Optional<Submission> submission(String key) {
        return find(key).map(Send::submissionId).flatMap(submissions::find);
    }

    /** Sends waiting to be queued, oldest first (for the ops console's figures). */
    public int waiting() {
        return store.countWaiting();
    }

    private void soon() {
        if (asked.compareAndSet(false, true)) {
            try {
                soon.execute(() -> {
                    asked.set(false);
                    sweep();
                });
            } catch (RejectedExecutionException stopping) {
                asked.set(false);
            }
        }
    }

    @PreDestroy
    void stop() {
        soon.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${tongban.sends.every:1s}")
    synchronized void sweep() {
        List<PlatformSendStore.Pending> pending;
        try {
            pending = store.oldestWaiting();
        } catch (DataAccessException databaseDown) {
            LOG.warn("platform sends wait: {}", databaseDown.getMessage());
            return;
        }
        for (PlatformSendStore.Pending p : pending) {
            try {
                send(p);
            } catch (MessageLog.MessageLogUnavailable | DataAccessException down) {
                LOG.warn("platform send {} waits: {}", p.key(), down.getMessage());
                return;
            }
        }
    }

    private void send(PlatformSendStore.Pending p) {
        byte[] raw = p.requestJson().getBytes(StandardCharsets.UTF_8);
        try {
            SubmissionService.Accepted accepted = submissions.submit(new ExchangeRequest(platform(), p.department(),
                    p.service(), new ExchangeRequest.Payload(raw, parse(p.requestJson())), p.caseId(),
                    UUID.randomUUID().toString()), p.key());
            store.markQueued(p.key(), accepted.submission().id());
        } catch (ExchangeFailure failure) {
            if (failure.status().is4xxClientError() && failure.status().value() != 429) {
                LOG.error("platform send {} to {}/{} refused for good: {} {}", p.key(), p.department(), p.service(),
                        failure.code(), failure.getMessage());
                store.markRefused(p.key(), cut(failure.code() + ": " + failure.getMessage(), 300));
            } else {
                LOG.info("platform send {} waits: {}", p.key(), failure.code());
            }
        }
    }

    private Caller platform() {
        return new Caller(null, "platform", properties.client(), null, RealNameLevel.NONE, 0,
                Set.of(CaseRules.PLATFORM), null, null);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("a platform send is not JSON; it was written from a JSON tree", e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
