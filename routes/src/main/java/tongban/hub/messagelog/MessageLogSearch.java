package tongban.hub.messagelog;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Finding calls in the message log for operations staff: by request id, case id, department, outcome and time. */
@Component
public class MessageLogSearch {

    /**
     * What to look for; null fields match anything. A request id also finds the attempts of a submission
     * ({@code <id>/<attempt>}).
     */
    public record Criteria(String requestId, String caseId, String department, String outcome, Instant from,
                           Instant to) {
    }

    /** One logged call as operations see it: no data subject (only its pseudonym is stored anyway). */
    public record LoggedCall(long seq, String requestId, Instant at, String client, String callerName,
                             String department, String service, String caseId, String outcome, int status,
                             long latencyMs, String entryHash) {
    }

    private final MessageLogStore store;

    MessageLogSearch(MessageLogStore store) {
        this.store = store;
    }

    /** The newest {@code limit} matching calls, newest first. */
    public List<LoggedCall> find(Criteria criteria, int limit) {
        return store.search(criteria, limit).stream()
                .map(e -> new LoggedCall(e.seq(), e.requestId(), e.at(), e.clientId(), e.callerName(), e.department(),
                        e.service(), e.caseId(), e.outcome(), e.status(), e.latencyMs(), e.entryHash()))
                .toList();
    }

    /** How many entries the log holds (the head's sequence number). */
    public long size() {
        return store.head().seq();
    }
}
