package tongban.hub.exchange.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import tongban.adapters.support.DepartmentSettings;
import tongban.adapters.support.ServiceDefinition;
import tongban.hub.exchange.Admission;
import tongban.hub.exchange.CanonicalAnswers;
import tongban.hub.exchange.DepartmentCall;
import tongban.hub.exchange.ExchangeProperties;
import tongban.hub.exchange.ExchangeRequest;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.messagelog.Hashing;
import tongban.hub.messagelog.LogEntry;
import tongban.hub.messagelog.MessageLog;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.web.RequestIds;
import tongban.sso.identity.Caller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The asynchronous exchange. {@link #submit} admits a submission exactly like a synchronous call, stores it, and
 * puts it on its department's durable queue (outbox: stored first, so a broker hiccup delays it but never loses it);
 * {@link #process} is one attempt by a queue consumer. Every submission and every attempt is in the message log.
 */
@Service
public class SubmissionService {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionService.class);
    static final String SUBMISSION_ID = "tongbanSubmissionId";
    /** Since when (epoch ms) the submission has waited for its department: queued, or replayed by an operator. */
    static final String WAITING_SINCE = "tongbanWaitingSince";
    /** At most this many submissions are sent to their queues in one broker transaction. */
    static final int BATCH = 100;
    /** Outcomes that say the department is down or busy: wait for it, however long, up to the maximum age. */
    static final Set<String> DEPARTMENT_DOWN =
            Set.of("DEPARTMENT_UNAVAILABLE", "DEPARTMENT_TIMEOUT", "CIRCUIT_OPEN", "DEPARTMENT_BUSY");

    /**
     * What a consumer does with the message after an attempt: acknowledge it (done, for good or ill), put it back
     * on its queue to be delivered again after {@code delay} (acknowledging this delivery in the same transaction, so
     * waiting never spends the broker's delivery attempts), or move it to the dead-letter queue.
     */
    record Next(Kind kind, Duration delay) {
        enum Kind { ACKNOWLEDGE, LATER, DEAD_LETTER }

        static final Next ACKNOWLEDGE = new Next(Kind.ACKNOWLEDGE, Duration.ZERO);
        static final Next DEAD_LETTER = new Next(Kind.DEAD_LETTER, Duration.ZERO);

        static Next later(Duration delay) {
            return new Next(Kind.LATER, delay);
        }
    }

    /** The answer to a submit: a 202 with the submission, or a problem. */
    public record Accepted(Submission submission, boolean repeated) {
    }

    private final Admission admission;
    private final ServiceRegistry registry;
    private final DepartmentCall departments;
    private final SubmissionStore store;
    private final JmsTemplate jms;
    private final MessageLog messageLog;
    private final CanonicalAnswers answers;
    private final ExchangeProperties exchange;
    private final AsyncProperties properties;
    private final ObjectMapper json;
    /** Stored submissions waiting to be put on their queues; bounded, the outbox sweep catches what it cannot take. */
    private final BlockingQueue<Submission> toQueue = new ArrayBlockingQueue<>(10_000);
    /** Sends the waiting submissions to their queues, as many as are waiting in one broker transaction. */
    private final ThreadPoolExecutor queueing = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "submission-queueing");
                t.setDaemon(true);
                return t;
            });
    /** Sends in a local broker transaction: a batch of submissions costs one journal sync, not one each. */
    private final JmsTemplate transactedJms;
    /** Queued since the last mark; marked in batches — marking each on its own would cost a commit per submission. */
    private final Queue<String> enqueued = new ConcurrentLinkedQueue<>();

    private final Environment environment;

    private final SubmissionWaits waits;

    SubmissionService(Admission admission, ServiceRegistry registry, DepartmentCall departments, SubmissionStore store,
                      JmsTemplate jms, MessageLog messageLog, CanonicalAnswers answers, ExchangeProperties exchange,
                      AsyncProperties properties, ObjectMapper json, Environment environment, SubmissionWaits waits) {
        this.environment = environment;
        this.waits = waits;
        this.transactedJms = new JmsTemplate(jms.getConnectionFactory());
        this.transactedJms.setSessionTransacted(true);
        this.admission = admission;
        this.registry = registry;
        this.departments = departments;
        this.store = store;
        this.jms = jms;
        this.messageLog = messageLog;
        this.answers = answers;
        this.exchange = exchange;
        this.properties = properties;
        this.json = json;
    }

    /**
     * @param idempotencyKey the caller's key: the same key with the same request returns the first submission,
     *                       with a different request is refused (422 {@code IDEMPOTENCY_KEY_REUSED}); or null
     * @throws ExchangeFailure when the submission is refused (it is logged first)
     */
    public Accepted submit(ExchangeRequest call, String idempotencyKey) {
        Caller caller = call.caller();
        String department = call.department();
        String serviceName = call.service();
        byte[] rawRequest = call.payload().raw();
        JsonNode request = call.payload().json();
        String caseId = call.caseId();
        String requestId = call.requestId();
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        String requestHash = Hashing.sha256(rawRequest);
        String subject = null;
        try {
            Admission.Admitted admitted = admission.admit(caller, department, serviceName, request, caseId);
            subject = admitted.subject();
            if (idempotencyKey != null) {
                Optional<Submission> earlier = store.findByKey(caller.clientId(), idempotencyKey);
                if (earlier.isPresent()) {
                    Accepted repeated = repeat(earlier.get(), requestHash);
                    log(requestId, started, startNanos, caller.clientId(), caller.subject(), caller.username(),
                            subject, department, serviceName, caseId, "REPEATED", 202, requestHash,
                            Hashing.sha256(earlier.get().id().getBytes(StandardCharsets.UTF_8)), null);
                    return repeated;
                }
            }
            Submission submission = newSubmission(caller, admitted.service(), rawRequest, requestHash, caseId,
                    idempotencyKey, requestId);
            AtomicBoolean stored = new AtomicBoolean();
            // the row and its ACCEPTED entry are committed together, in the message log's group commit
            log(requestId, started, startNanos, caller.clientId(), caller.subject(), caller.username(), subject,
                    department, serviceName, caseId, "ACCEPTED", 202, requestHash,
                    Hashing.sha256(submission.id().getBytes(StandardCharsets.UTF_8)),
                    tx -> stored.set(store.insert(submission, tx)));
            if (!stored.get()) { // the same key at the same moment from another request: that one is the submission
                return repeat(store.findByKey(caller.clientId(), idempotencyKey).orElseThrow(), requestHash);
            }
            enqueueSoon(submission);
            return new Accepted(submission, false);
        } catch (ExchangeFailure failure) {
            if (subject == null) {
                subject = admission.subjectIfReadable(department, serviceName, request);
            }
            log(requestId, started, startNanos, caller.clientId(), caller.subject(), caller.username(), subject,
                    department, serviceName, caseId, failure.code(), failure.status().value(), requestHash,
                    Hashing.sha256(answers.problem(failure)), null);
            throw failure;
        }
    }

    private static Submission newSubmission(Caller caller, ServiceDefinition service, byte[] rawRequest,
                                            String requestHash, String caseId, String idempotencyKey, String requestId) {
        Instant now = Instant.now();
        return new Submission(RequestIds.nextUnguessable(), caller.clientId(), idempotencyKey, requestHash,
                caller.subject(), caller.username(), service.department(), service.service(), caseId, requestId,
                new String(rawRequest, StandardCharsets.UTF_8), Submission.Status.ACCEPTED, 0, null, null, now, now);
    }

    private static Accepted repeat(Submission earlier, String requestHash) {
        if (!earlier.requestSha256().equals(requestHash)) {
            throw new ExchangeFailure(HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was used for a different request");
        }
        return new Accepted(earlier, true);
    }

    /**
     * Queues a stored submission off the caller's thread: the 202 goes out once the submission is stored, whatever
     * the broker is doing (a broker that is down or restarting would otherwise hold the caller for its timeouts).
     * If even that cannot take it, the outbox sweep queues it.
     */
    private void enqueueSoon(Submission submission) {
        if (!toQueue.offer(submission)) {
            LOG.warn("submission {} stored; the outbox sweep will queue it (queueing is behind)", submission.id());
            return;
        }
        try {
            queueing.execute(this::sendWaiting);
        } catch (RejectedExecutionException full) {
            // as many sends are already waiting to run as there are submissions waiting: one of them takes this one
        }
    }

    /** Sends the submissions waiting to be queued, up to a batch, together. */
    private void sendWaiting() {
        List<Submission> batch = new ArrayList<>(BATCH);
        toQueue.drainTo(batch, BATCH);
        if (!batch.isEmpty()) {
            enqueue(batch);
        }
    }

    @PreDestroy
    void stopQueueing() throws InterruptedException {
        queueing.shutdown();
        queueing.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Puts stored submissions on their departments' queues in one broker transaction: all of them or, if the broker
     * refuses, none — and the outbox sweep retries those.
     */
    void enqueue(List<Submission> batch) {
        try {
            transactedJms.execute(session -> {
                MessageProducer producer = session.createProducer(null);
                for (Submission s : batch) {
                    producer.send(session.createQueue(DepartmentQueues.queue(s.department())),
                            message(session, s.requestBody(), s.id(), s.id(), s.createdAt().toEpochMilli()));
                }
                session.commit();
                return null;
            }, true);
            batch.forEach(s -> enqueued.add(s.id()));
        } catch (JmsException e) {
            LOG.warn("{} submission(s) stored but not queued yet ({}); the outbox sweep will queue them",
                    batch.size(), e.getMessage());
        }
    }

    /**
     * A submission's message: its request, its id, the duplicate-detection id the broker drops a second copy by, and
     * since when it waits.
     */
    static TextMessage message(Session session, String body, String submissionId, String duplicateId,
                               long waitingSince) throws JMSException {
        TextMessage message = session.createTextMessage(body);
        message.setStringProperty(DepartmentQueues.DUPLICATE_ID, duplicateId);
        message.setStringProperty(SUBMISSION_ID, submissionId);
        message.setLongProperty(WAITING_SINCE, waitingSince);
        return message;
    }

    /**
     * One attempt at a queued submission.
     *
     * @param waitingSince since when it waits (epoch ms), or 0 if the message does not say (then: since submitted)
     */
    Next process(String submissionId, long waitingSince) {
        try {
            return processRecorded(submissionId, waitingSince);
        } catch (DataAccessException | MessageLog.MessageLogUnavailable databaseDown) {
            // nothing can be recorded: the submission waits on its queue (no broker attempt spent) for the database,
            // as it would for its department; an attempt that reached the department carries the same transaction id
            LOG.warn("submission {} waits: the database cannot record it ({})", submissionId, databaseDown.toString());
            return Next.later(properties.redeliveryDelay());
        }
    }

    private Next processRecorded(String submissionId, long waitingSince) {
        Optional<Submission> found = store.find(submissionId).filter(s -> !s.status().isFinal());
        if (found.isEmpty()) {
            LOG.debug("submission {} is already finished; duplicate delivery acknowledged", submissionId);
            return Next.ACKNOWLEDGE;
        }
        Submission s = found.get();
        Duration resting = departments.resting(s.department());
        if (!resting.isZero()) {
            return Next.later(resting); // its circuit is open: no attempt, no call, back on the queue until it lets one through
        }
        // this attempt's lines in the log carry its request id and case, like a synchronous call's
        try (var requestId = MDC.putCloseable("requestId", s.id() + "/" + (s.attempts() + 1));
             var caseId = MDC.putCloseable("caseId", s.caseId())) {
            return attempt(s, waitingSince > 0 ? Instant.ofEpochMilli(waitingSince) : s.createdAt());
        }
    }

    private Next attempt(Submission s, Instant waitingSince) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        // counted when its outcome is recorded: an attempt cut short by a crash is not on the record, and the
        // redelivered one takes its number
        int attempt = s.attempts() + 1;
        String attemptId = s.id() + "/" + attempt;
        JsonNode request = parse(s.requestBody());
        String subject = admission.subjectIfReadable(s.department(), s.service(), request);
        try {
            ServiceDefinition service = registry.find(s.department(), s.service()).orElseThrow(() ->
                    new ExchangeFailure(HttpStatus.NOT_FOUND, "UNKNOWN_SERVICE", "the service is no longer offered"));
            Object data = departments.callOnce(service, request, s.id());
            byte[] result = answers.success(s.requestId(), s.department(), s.service(), s.caseId(), data);
            log(attemptId, started, startNanos, s, subject, "OK", 200, Hashing.sha256(result),
                    tx -> store.finish(s.id(), attempt, Submission.Status.SUCCEEDED,
                            new String(result, StandardCharsets.UTF_8), null));
            waits.settled(s.id());
            return Next.ACKNOWLEDGE;
        } catch (ExchangeFailure failure) {
            byte[] problem = answers.problem(failure);
            String body = new String(problem, StandardCharsets.UTF_8);
            boolean transientFailure = DepartmentCall.TRANSIENT.contains(failure.code());
            // a department that is down is waited for; one that answers with errors is tried a few times
            boolean tooOld = Duration.between(waitingSince, Instant.now()).compareTo(maxAge(s.department())) > 0;
            boolean deadLetter = transientFailure && (tooOld
                    || (!DEPARTMENT_DOWN.contains(failure.code()) && attempt >= properties.maxAttempts()));
            Submission.Status next = !transientFailure ? Submission.Status.FAILED
                    : deadLetter ? Submission.Status.DEAD_LETTERED : Submission.Status.RETRYING;
            log(attemptId, started, startNanos, s, subject, failure.code(), failure.status().value(),
                    Hashing.sha256(problem), tx -> store.finish(s.id(), attempt, next, body, failure.code()));
            if (next != Submission.Status.RETRYING) {
                waits.settled(s.id());
            }
            if (!transientFailure) {
                return Next.ACKNOWLEDGE;
            }
            if (deadLetter) {
                LOG.warn("submission {} {} ({}); moved to {}", s.id(), tooOld ? "waited longer than its department's "
                        + "maximum age" : "failed " + attempt + " times", failure.code(),
                        DepartmentQueues.deadLetterQueue(s.department()));
                return Next.DEAD_LETTER;
            }
            return Next.later(backoff(attempt));
        }
    }

    /** 2 s, 4 s, 8 s, … up to the maximum delay ({@code tongban.exchange.async.*}). */
    Duration backoff(int attempt) {
        double millis = properties.redeliveryDelay().toMillis() * Math.pow(properties.redeliveryMultiplier(), attempt - 1);
        return Duration.ofMillis((long) Math.min(millis, properties.maxRedeliveryDelay().toMillis()));
    }

    /** How long a submission may wait for its department before it goes to the dead letters. */
    private Duration maxAge(String department) {
        return environment.getProperty(DepartmentSettings.of(department, "max-submission-age"), Duration.class,
                properties.maxAge());
    }

    public Optional<Submission> find(String id) {
        return store.find(id);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("a stored submission is not JSON; it was checked when submitted", e);
        }
    }

    /** An attempt's log entry and the submission's new status, committed together. */
    private void log(String attemptId, Instant started, long startNanos, Submission s, String subject, String outcome,
                     int status, String responseHash, Consumer<TransactionStatus> statusChange) {
        long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
        messageLog.record(new LogEntry(attemptId, started, s.clientId(), s.callerSubject(), s.callerName(), subject,
                s.department(), s.service(), s.caseId(), outcome, status, latencyMs, s.requestSha256(), responseHash),
                exchange.logWaitTimeout(), statusChange);
    }

    private void log(String requestId, Instant started, long startNanos, String clientId, String callerSubject,
                     String callerName, String subject, String department, String service, String caseId,
                     String outcome, int status, String requestHash, String responseHash,
                     Consumer<TransactionStatus> alongside) {
        long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
        messageLog.record(new LogEntry(requestId, started, clientId, callerSubject, callerName, subject,
                CanonicalAnswers.cut(department), CanonicalAnswers.cut(service), caseId, outcome, status, latencyMs,
                requestHash, responseHash), exchange.logWaitTimeout(), alongside);
    }

    /** Notes what was queued since the last call, in one batch (called by the outbox sweep's schedule). */
    void markEnqueued() {
        List<String> ids = new ArrayList<>();
        while (ids.size() < 1000) {
            String id = enqueued.poll();
            if (id == null) {
                break;
            }
            ids.add(id);
        }
        store.markEnqueued(ids);
    }
}
