package tongban.hub.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.DepartmentFailures;
import tongban.adapters.support.InvalidRequestException;
import tongban.adapters.support.ServiceDefinition;
import tongban.hub.messagelog.Hashing;
import tongban.hub.messagelog.LogEntry;
import tongban.hub.messagelog.MessageLog;
import tongban.hub.web.Problems;
import tongban.sso.identity.Caller;

import java.time.Instant;

/**
 * One synchronous exchange call: find the service, check the caller's rights, send the request down the
 * adapter's route, and record the call — outcome, latency, hashes of what came in and what went out — in
 * the message log before answering.
 */
@Service
class ExchangeService {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeService.class);

    private final ServiceRegistry registry;
    private final AccessPolicy access;
    private final ProducerTemplate camel;
    private final MessageLog messageLog;
    private final ExchangeProperties properties;
    private final DepartmentGuard guard;
    private final ObjectMapper json;

    ExchangeService(ServiceRegistry registry, AccessPolicy access, ProducerTemplate camel, MessageLog messageLog,
                    ExchangeProperties properties, DepartmentGuard guard, ObjectMapper json) {
        this.registry = registry;
        this.access = access;
        this.camel = camel;
        this.messageLog = messageLog;
        this.properties = properties;
        this.guard = guard;
        this.json = json;
    }

    /** A finished call: what to send back, already serialised so that its hash is the hash of what was sent. */
    record Answer(HttpStatus status, boolean problem, byte[] body, Integer retryAfterSeconds) {
    }

    Answer call(Caller caller, String department, String serviceName, byte[] rawRequest, JsonNode request,
                String caseId, String requestId) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        String subject = null;
        Answer answer;
        String outcome;
        ServiceDefinition service = registry.find(department, serviceName).orElse(null);
        try {
            guard.admit(caller.clientId());
            if (service == null) {
                throw new ExchangeFailure(HttpStatus.NOT_FOUND, "UNKNOWN_SERVICE",
                        "there is no service " + department + "/" + serviceName);
            }
            subject = AccessPolicy.subjectOf(service, request);
            access.check(caller, service, subject, caseId);
            ServiceDefinition target = service;
            Object data = guard.call(target, () -> send(target, request, requestId));
            answer = success(department, serviceName, caseId, requestId, data);
            outcome = "OK";
        } catch (ExchangeFailure failure) {
            answer = problem(failure);
            outcome = failure.code();
        }
        long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
        // department and service come from the URL and may be anything for an unknown service: cut them to the
        // columns' width so that one odd address can never fail the batch it is committed with
        messageLog.record(new LogEntry(requestId, started, caller.clientId(), caller.subject(), caller.username(),
                subject, cut(department), cut(serviceName), caseId, outcome, answer.status().value(), latencyMs,
                Hashing.sha256(rawRequest), Hashing.sha256(answer.body())), properties.logWaitTimeout());
        return answer;
    }

    private Object send(ServiceDefinition service, JsonNode request, String requestId) {
        Exchange result = camel.send(service.endpointUri(), exchange -> {
            exchange.setProperty(ServiceDefinition.REQUEST_ID_PROPERTY, requestId);
            exchange.getMessage().setBody(request);
        });
        Exception failure = result.getException();
        if (failure == null) {
            return result.getMessage().getBody();
        }
        RuntimeException classified = DepartmentFailures.classify(service.department(), failure);
        if (classified instanceof InvalidRequestException invalid) {
            throw ExchangeFailure.invalid(invalid.getMessage());
        }
        DepartmentException department = (DepartmentException) classified;
        LOG.warn("{} failed: {} ({})", service.address(), department.kind(), department.getMessage());
        throw switch (department.kind()) {
            case TIMEOUT -> new ExchangeFailure(HttpStatus.GATEWAY_TIMEOUT, "DEPARTMENT_TIMEOUT",
                    "the department did not answer in time");
            case UNAVAILABLE -> new ExchangeFailure(HttpStatus.SERVICE_UNAVAILABLE, "DEPARTMENT_UNAVAILABLE",
                    "the department system is unavailable");
            case RECORD_NOT_FOUND -> new ExchangeFailure(HttpStatus.NOT_FOUND, "RECORD_NOT_FOUND",
                    "the department has no such record");
            case ERROR -> new ExchangeFailure(HttpStatus.BAD_GATEWAY, "DEPARTMENT_ERROR",
                    "the department answered with an error");
        };
    }

    private Answer success(String department, String service, String caseId, String requestId, Object data) {
        ObjectNode envelope = json.createObjectNode()
                .put("requestId", requestId)
                .put("department", department)
                .put("service", service);
        if (caseId != null) {
            envelope.put("caseId", caseId);
        }
        envelope.set("data", json.valueToTree(data));
        return new Answer(HttpStatus.OK, false, bytes(envelope), null);
    }

    private Answer problem(ExchangeFailure failure) {
        ProblemDetail problem = Problems.of(failure.status(), failure.code(), failure.getMessage());
        return new Answer(failure.status(), true, bytes(problem), failure.retryAfterSeconds());
    }

    private static String cut(String pathSegment) {
        return pathSegment.length() <= 64 ? pathSegment : pathSegment.substring(0, 64);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical answer could not be written", e);
        }
    }
}
