package tongban.hub.exchange.async;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An operator's hands on a department's dead-letter queue: browse (personal data masked), replay one or all back
 * onto the department's queue, or discard one with a reason. Every replay and discard is recorded with the
 * operator's name in the same database transaction as the submission's new status.
 *
 * <p>The move itself is one transacted JMS session (take off the DLQ, put on the queue, commit), so a message is
 * never in both queues nor in neither. It commits just before the database does; should the database then fail,
 * the message is back on its queue with its submission still marked dead-lettered, which the next attempt corrects.
 */
@Component
public class DeadLetters {

    /**
     * One dead letter as listed: its submission, why it failed, the broker's headers (message id, the queue it came
     * from, deliveries), and a masked preview of what it carries.
     */
    public record DeadLetter(String submissionId, String service, String clientId, Instant deadLetteredAt,
                             int attempts, String lastProblem, String requestId, String headers, String preview) {
    }

    /** An operator's replay or discard. */
    public record Action(Instant at, String operator, String action, String submissionId, String reason) {
    }

    /** A refused operator request (unknown department, no such dead letter, no reason given). */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private static final Pattern SUBMISSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ConnectionFactory connections;
    private final SubmissionStore store;
    private final TransactionTemplate tx;
    private final DepartmentQueues queues;

    DeadLetters(ConnectionFactory connections, SubmissionStore store, TransactionTemplate tx, DepartmentQueues queues) {
        this.connections = connections;
        this.store = store;
        this.tx = tx;
        this.queues = queues;
    }

    /** The first {@code limit} dead letters of a department, oldest first. */
    public List<DeadLetter> browse(String department, int limit) {
        checkDepartment(department);
        List<DeadLetter> letters = new ArrayList<>();
        inSession(false, session -> {
            try (QueueBrowser browser = session.createBrowser(
                    session.createQueue(DepartmentQueues.deadLetterQueueFqqn(department)))) {
                for (Object next : Collections.list(browser.getEnumeration())) {
                    if (letters.size() >= limit) {
                        break;
                    }
                    letters.add(describe((Message) next));
                }
            } catch (InvalidDestinationException none) {
                // an external broker creates a department's DLQ with its first dead letter
            }
            return null;
        });
        return letters;
    }

    /** Puts one dead letter back on its department's queue for a fresh round of attempts. */
    public void replay(String department, String submissionId, String operator) {
        checkDepartment(department);
        checkId(submissionId);
        tx.executeWithoutResult(status -> {
            store.decide(submissionId, Submission.Status.RETRYING);
            store.recordAction(operator, "REPLAY", department, submissionId, null);
            if (!move(department, SubmissionService.SUBMISSION_ID + " = '" + submissionId + "'", true)) {
                throw new Refused("submission " + submissionId + " is not in the dead-letter queue of " + department
                        + " (replayed or discarded already?)");
            }
        });
    }

    /** Replays every dead letter of a department; returns how many. */
    public int replayAll(String department, String operator) {
        checkDepartment(department);
        int replayed = 0;
        for (DeadLetter letter : browse(department, 10_000)) {
            try {
                replay(department, letter.submissionId(), operator);
                replayed++;
            } catch (Refused gone) {
                // taken by another operator meanwhile
            }
        }
        return replayed;
    }

    /** Takes a dead letter off for good; the submission ends as DISCARDED with the operator's reason on record. */
    public void discard(String department, String submissionId, String reason, String operator) {
        checkDepartment(department);
        checkId(submissionId);
        if (reason == null || reason.isBlank()) {
            throw new Refused("a discard needs a reason");
        }
        if (reason.length() > 500) {
            throw new Refused("the reason is longer than 500 characters");
        }
        tx.executeWithoutResult(status -> {
            store.decide(submissionId, Submission.Status.DISCARDED);
            store.recordAction(operator, "DISCARD", department, submissionId, reason.strip());
            if (!move(department, SubmissionService.SUBMISSION_ID + " = '" + submissionId + "'", false)) {
                throw new Refused("submission " + submissionId + " is not in the dead-letter queue of " + department
                        + " (replayed or discarded already?)");
            }
        });
    }

    /** The latest operator actions on a department's dead letters, newest first. */
    public List<Action> actions(String department, int limit) {
        checkDepartment(department);
        return store.actions(department, limit);
    }

    /** Takes the selected message off the DLQ and, for a replay, sends a copy to the queue — one JMS transaction. */
    private boolean move(String department, String selector, boolean replay) {
        return inSession(true, session -> {
            try (MessageConsumer consumer = session.createConsumer(
                    session.createQueue(DepartmentQueues.deadLetterQueueFqqn(department)), selector)) {
                Message message = consumer.receive(2_000);
                if (message == null) {
                    session.rollback();
                    return false;
                }
                if (replay) {
                    String id = message.getStringProperty(SubmissionService.SUBMISSION_ID);
                    // a new duplicate-detection id (the broker still remembers the first one and would drop the
                    // copy), and a new wait: the replayed submission gets its department's maximum age again
                    TextMessage copy = SubmissionService.message(session, ((TextMessage) message).getText(), id,
                            id + "/replay/" + UUID.randomUUID(), System.currentTimeMillis());
                    session.createProducer(session.createQueue(DepartmentQueues.queue(department))).send(copy);
                }
                session.commit();
                return true;
            }
        });
    }

    private DeadLetter describe(Message message) throws JMSException {
        String id = message.getStringProperty(SubmissionService.SUBMISSION_ID);
        Optional<Submission> submission = id == null ? Optional.empty() : store.find(id);
        String body = message instanceof TextMessage text ? text.getText() : null;
        return new DeadLetter(id, submission.map(Submission::service).orElse("?"),
                submission.map(Submission::clientId).orElse("?"),
                submission.map(Submission::updatedAt).orElse(Instant.ofEpochMilli(message.getJMSTimestamp())),
                submission.map(Submission::attempts).orElse(0),
                submission.map(Submission::problemCode).orElse(null),
                submission.map(Submission::requestId).orElse(null), headers(message), PayloadPreview.of(body));
    }

    private static String headers(Message message) throws JMSException {
        String from = message.getStringProperty("_AMQ_ORIG_QUEUE");
        return message.getJMSMessageID() + (from == null ? "" : " · from " + from)
                // a dead letter the hub moved itself was delivered once per attempt (see the attempts column)
                + (message.propertyExists("JMSXDeliveryCount") && message.getIntProperty("JMSXDeliveryCount") > 0
                ? " · delivered " + message.getIntProperty("JMSXDeliveryCount") + "×" : "");
    }

    private void checkDepartment(String department) {
        if (!queues.departments().contains(department)) {
            throw new Refused("no department '" + department + "'");
        }
    }

    private static void checkId(String submissionId) {
        if (submissionId == null || !SUBMISSION_ID.matcher(submissionId).matches()) {
            throw new Refused("not a submission id: " + submissionId);
        }
    }

    private interface SessionWork<T> {
        T run(Session session) throws JMSException;
    }

    private <T> T inSession(boolean transacted, SessionWork<T> work) {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(transacted,
                    transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE)) {
                return work.run(session);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("broker: " + e.getMessage(), e);
        }
    }
}
