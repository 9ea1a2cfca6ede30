package tongban.hub.exchange.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.adapters.support.CallbackDefinition;
import tongban.adapters.support.DepartmentAdapter;
import tongban.adapters.support.InvalidRequestException;
import tongban.hub.exchange.CanonicalAnswers;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.exchange.ExchangeProperties;
import tongban.hub.exchange.async.DepartmentQueues;
import tongban.hub.messagelog.Hashing;
import tongban.hub.messagelog.LogEntry;
import tongban.hub.messagelog.MessageLog;
import tongban.sso.identity.Caller;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Notices from department systems ({@link CallbackDefinition}): only the department's own client may send them; each
 * is read into the canonical event, recorded once by the department's event id and published on the exchange's
 * topic {@code tongban.events.<department>}. A repeat (the department did not see our answer and sent again) is
 * acknowledged without a second event. Every notice, taken or refused, is in the message log.
 */
@Service
class CallbackService {

    static final String TOPIC_PREFIX = "tongban.events.";
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** The outcome: the stored event, whether it had been received before, and the case it was about (or null). */
    record Received(ObjectNode event, boolean repeated, String caseId) {
    }

    private final Map<String, CallbackDefinition> callbacks = new LinkedHashMap<>();
    private final CallbackEventStore events;
    private final TransactionTemplate tx;
    private final JmsTemplate jms;
    private final MessageLog messageLog;
    private final CanonicalAnswers answers;
    private final ExchangeProperties exchange;
    private final ObjectMapper json;
    private final List<NoticeListener> listeners;

    CallbackService(List<DepartmentAdapter> adapters, CallbackEventStore events, TransactionTemplate tx, JmsTemplate jms,
                    MessageLog messageLog, CanonicalAnswers answers, ExchangeProperties exchange, ObjectMapper json,
                    List<NoticeListener> listeners) {
        this.listeners = List.copyOf(listeners);
        adapters.forEach(a -> a.callbacks().forEach(c -> callbacks.put(c.address(), c)));
        this.events = events;
        this.tx = tx;
        this.jms = jms;
        this.messageLog = messageLog;
        this.answers = answers;
        this.exchange = exchange;
        this.json = json;
    }

    static String topic(String department) {
        return TOPIC_PREFIX + department;
    }

    Received receive(Caller caller, String department, String name, byte[] raw, JsonNode body, String requestId) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        try {
            Received received = take(caller, department, name, body, requestId, started);
            log(requestId, started, startNanos, caller, department, name, received.repeated() ? "REPEATED" : "EVENT",
                    received.repeated() ? 200 : 202, raw, answers.bytes(received.event()), received.caseId());
            return received;
        } catch (ExchangeFailure failure) {
            log(requestId, started, startNanos, caller, department, name, failure.code(), failure.status().value(), raw,
                    answers.problem(failure), null);
            throw failure;
        }
    }

    private Received take(Caller caller, String department, String name, JsonNode body, String requestId,
                          Instant received) {
        CallbackDefinition callback = Optional.ofNullable(callbacks.get(department + "/" + name)).orElseThrow(() ->
                new ExchangeFailure(HttpStatus.NOT_FOUND, "UNKNOWN_CALLBACK", "there is no callback " + department + "/" + name));
        if (!callback.clientId().equals(caller.clientId())) {
            throw new ExchangeFailure(HttpStatus.FORBIDDEN, "NOT_THE_DEPARTMENT_SYSTEM",
                    "only the department's own system may send " + callback.address());
        }
        String eventId = callback.eventId().apply(body);
        if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
            throw ExchangeFailure.invalid("the notice must carry its event id (1–64 letters, digits or . _ : -)");
        }
        JsonNode data;
        try {
            data = callback.toCanonical().apply(body);
        } catch (InvalidRequestException e) {
            throw ExchangeFailure.invalid("the notice cannot be read: " + e.getMessage());
        }
        ObjectNode event = json.createObjectNode()
                .put("eventId", eventId)
                .put("department", department)
                .put("event", name)
                .put("receivedAt", received.toString())
                .put("requestId", requestId);
        event.set("data", data);
        return tx.execute(status -> store(status, department, name, eventId, requestId, received, event));
    }

    /**
     * Records the event, lets the listeners act on it and publishes it in one go: if a listener refuses or the broker
     * does, the record is rolled back too.
     */
    private Received store(TransactionStatus status, String department, String name, String eventId, String requestId,
                           Instant received, ObjectNode event) {
        // behind a savepoint: on PostgreSQL a failed statement spoils the rest of its transaction, the repeat's
        // lookup of the first event included
        Object savepoint = status.createSavepoint();
        try {
            events.insert(department, name, eventId, requestId, received, event.toString());
            status.releaseSavepoint(savepoint);
        } catch (DuplicateKeyException repeat) {
            status.rollbackToSavepoint(savepoint);
            ObjectNode earlier = parse(events.firstEvent(department, name, eventId));
            return new Received(earlier, true, earlier.path("data").path("caseNumber").asText(null));
        }
        String caseId = null;
        for (NoticeListener listener : listeners) {
            String about = listener.received(department, name, event);
            caseId = about != null ? about : caseId;
        }
        try {
            jms.execute(session -> {
                var message = session.createTextMessage(event.toString());
                message.setStringProperty(DepartmentQueues.DUPLICATE_ID, department + "/" + name + "/" + eventId);
                message.setStringProperty("tongbanEvent", name);
                try (var producer = session.createProducer(session.createTopic(topic(department)))) {
                    producer.send(message);
                }
                return null;
            }, true);
        } catch (JmsException e) {
            throw new ExchangeFailure(HttpStatus.SERVICE_UNAVAILABLE, "EVENT_BUS_UNAVAILABLE",
                    "the notice could not be published; send it again later", 5);
        }
        return new Received(event, false, caseId);
    }

    private ObjectNode parse(String stored) {
        try {
            return (ObjectNode) json.readTree(stored);
        } catch (Exception e) {
            throw new IllegalStateException("a stored event is not JSON", e);
        }
    }

    private void log(String requestId, Instant started, long startNanos, Caller caller, String department, String name,
                     String outcome, int status, byte[] raw, byte[] answer, String caseId) {
        messageLog.record(new LogEntry(requestId, started, caller.clientId(), caller.subject(), caller.username(), null,
                CanonicalAnswers.cut(department), CanonicalAnswers.cut(name), caseId, outcome, status,
                (System.nanoTime() - startNanos) / 1_000_000, Hashing.sha256(raw),
                Hashing.sha256(answer == null ? new byte[0] : answer)), exchange.logWaitTimeout());
    }

}
