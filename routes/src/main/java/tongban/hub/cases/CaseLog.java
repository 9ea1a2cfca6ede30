package tongban.hub.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tongban.hub.exchange.ExchangeProperties;
import tongban.hub.messagelog.Hashing;
import tongban.hub.messagelog.LogEntry;
import tongban.hub.messagelog.MessageLog;

import java.nio.charset.StandardCharsets;

/**
 * Puts every change of a case in the message log, once the change is committed (a change rolled back is not on the
 * record): outcome {@code CASE_<STATUS>}, the case number, who moved it and a hash of the change. The case's own history ({@code case_event}) is written in the change's transaction.
 */
@Component
class CaseLog {

    private static final Logger LOG = LoggerFactory.getLogger(CaseLog.class);
    static final String SERVICE = "case";

    private final MessageLog messageLog;
    private final ExchangeProperties exchange;

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
            record(entry);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                record(entry);
            }
        });
    }

    private static String requestId(CaseProgress.Step step, CaseRecord c) {
        String base = step.requestId() == null ? "case" : step.requestId();
        String id = base + "/" + c.caseNumber() + "/" + step.to().name();
        return id.length() <= 64 ? id : id.substring(0, 64);
    }

    private void record(LogEntry entry) {
        try {
            messageLog.record(entry, exchange.logWaitTimeout());
        } catch (MessageLog.MessageLogUnavailable e) {
            // the change is committed and in the case's history; the log missed it and says so in the hub's log
            LOG.error("case {} became {} but the message log did not take it: {}", entry.caseId(), entry.outcome(),
                    e.getMessage());
        }
    }
}
