package tongban.hub.messagelog;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** 数据使用记录 — who used a person's data, when, for what and for which case; read from the message log. */
@Component
public class DataUsage {

    /** One use of the person's data. */
    public record Use(Instant at, String client, String department, String service, String caseId, String outcome,
                      String requestId) {
    }

    private final MessageLog log;
    private final MessageLogStore store;

    DataUsage(MessageLog log, MessageLogStore store) {
        this.log = log;
        this.store = store;
    }

    /** The latest uses of the data of the person with this resident id number, newest first. */
    public List<Use> of(String idNumber, int limit) {
        return store.bySubject(log.subjectRef(idNumber), limit).stream()
                .map(e -> new Use(e.at(), e.clientId(), e.department(), e.service(), e.caseId(), e.outcome(),
                        e.requestId()))
                .toList();
    }
}
