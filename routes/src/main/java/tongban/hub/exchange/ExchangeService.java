package tongban.hub.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tongban.hub.messagelog.Hashing;
import tongban.hub.messagelog.LogEntry;
import tongban.hub.messagelog.MessageLog;
import tongban.hub.problem.ExchangeFailure;
import tongban.sso.identity.Caller;

import java.time.Instant;
import java.util.Map;

/**
 * One synchronous exchange call: admit it (rate, service, rights), send the request down the adapter's route, and record the call — outcome, latency, hashes of what came in and what went out — in
 * the message log before answering.
 */
@Service
public class ExchangeService {

    private final Admission admission;
    private final DepartmentCall departments;
    private final MessageLog messageLog;
    private final ExchangeProperties properties;
    private final CanonicalAnswers answers;

    ExchangeService(Admission admission, DepartmentCall departments, MessageLog messageLog,
                    ExchangeProperties properties, CanonicalAnswers answers) {
        this.admission = admission;
        this.departments = departments;
        this.messageLog = messageLog;
        this.properties = properties;
        this.answers = answers;
    }

    /** A finished call: what to send back, already serialised so that its hash is the hash of what was sent. */
    public record Answer(HttpStatus status, boolean problem, byte[] body, Map<String, String> headers) {
    }

    /** Admits, calls and answers; the call is in the message log before its answer goes back. */
    public Answer call(ExchangeRequest call) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        JsonNode request = call.payload().json();
        String subject = null;
        Answer answer;
        String outcome;
        try {
            Admission.Admitted admitted = admission.admit(call.caller(), call.department(), call.service(), request,
                    call.caseId());
            subject = admitted.subject();
            Object data = departments.call(admitted.service(), request, call.requestId());
            answer = success(call.department(), call.service(), call.caseId(), call.requestId(), data);
            outcome = "OK";
        } catch (ExchangeFailure failure) {
            answer = problem(failure);
            outcome = failure.code();
            if (subject == null) {
                subject = admission.subjectIfReadable(call.department(), call.service(), request);
            }
        }
        long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
        Caller caller = call.caller();
        // cut, so that one odd address can never fail the batch it is committed with
        messageLog.record(new LogEntry(call.requestId(), started, caller.clientId(), caller.subject(),
                caller.username(), subject, CanonicalAnswers.cut(call.department()),
                CanonicalAnswers.cut(call.service()), call.caseId(), outcome, answer.status().value(), latencyMs,
                Hashing.sha256(call.payload().raw()), Hashing.sha256(answer.body())), properties.logWaitTimeout());
        return answer;
    }

    private Answer success(String department, String service, String caseId, String requestId, Object data) {
        return new Answer(HttpStatus.OK, false, answers.success(requestId, department, service, caseId, data),
                Map.of());
    }

    private Answer problem(ExchangeFailure failure) {
        return new Answer(failure.status(), true, answers.problem(failure), failure.headers());
    }
}
