package tongban.hub.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.DepartmentFailures;
import tongban.adapters.support.InvalidRequestException;
import tongban.adapters.support.ServiceDefinition;
import tongban.hub.problem.ExchangeFailure;

import java.time.Duration;
import java.util.Set;

/**
 * One call down an adapter's route, under the department's circuit breaker, with every failure turned into the
 * {@link ExchangeFailure} the caller sees. Used by the synchronous exchange and by the queue consumers alike.
 */
@Component
public class DepartmentCall {

    private static final Logger LOG = LoggerFactory.getLogger(DepartmentCall.class);
    /** Failures that say the department is unwell (worth trying again later), not that the request is wrong. */
    public static final Set<String> TRANSIENT =
            Set.of("DEPARTMENT_ERROR", "DEPARTMENT_UNAVAILABLE", "DEPARTMENT_TIMEOUT", "CIRCUIT_OPEN", "DEPARTMENT_AUTH_FAILED",
                    "DEPARTMENT_BUSY", "DEPARTMENT_ANSWER_TOO_LARGE");
    /** The department refused the hub itself (401/403): a configuration fault, shown as such on the ops console. */
    public static final String AUTH_FAILED = DepartmentException.Kind.AUTH_FAILED.problemCode();

    private final ProducerTemplate camel;
    private final DepartmentGuard guard;

    DepartmentCall(ProducerTemplate camel, DepartmentGuard guard) {
        this.camel = camel;
        this.guard = guard;
    }

    /**
     * @return the adapter's canonical answer
     * @throws ExchangeFailure when the department could not give one
     */
    public Object call(ServiceDefinition service, JsonNode request, String requestId) {
        return guard.call(service, true, () -> send(service, request, requestId));
    }

    /** The same, without the immediate second try of an unreachable department: for callers that retry later. */
    public Object callOnce(ServiceDefinition service, JsonNode request, String requestId) {
        return guard.call(service, false, () -> send(service, request, requestId));
    }

    /**
     * While the department's circuit is open: how long to leave it alone (zero when it may be called). Queue consumers
     * set a submission aside this long instead of spending an attempt on a department known to be down.
     */
    public Duration resting(String department) {
        return guard.resting(department);
    }

    /** The department could not even be connected to: nothing reached it, so trying again repeats nothing. */
    static final class Unreachable extends ExchangeFailure {
        Unreachable() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "DEPARTMENT_UNAVAILABLE", "the department system is unavailable");
        }
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
        if (department.kind() == DepartmentException.Kind.ERROR && department.departmentCode() == null) {
            // not the department's own error: the call broke in the hub or on the wire — the operator needs the cause
            LOG.warn("{} failed: {} ({})", service.address(), department.kind(), department.getMessage(), failure);
        } else {
            LOG.warn("{} failed: {} ({})", service.address(), department.kind(), department.getMessage());
        }
        String code = department.kind().problemCode();
        throw switch (department.kind()) {
            case TIMEOUT -> new ExchangeFailure(HttpStatus.GATEWAY_TIMEOUT, code, "the department did not answer in time");
            case UNAVAILABLE -> DepartmentFailures.unreachable(failure) ? new Unreachable()
                    : new ExchangeFailure(HttpStatus.SERVICE_UNAVAILABLE, code, "the department system is unavailable");
            case RECORD_NOT_FOUND -> new ExchangeFailure(HttpStatus.NOT_FOUND, code, "the department has no such record");
            case ERROR -> new ExchangeFailure(HttpStatus.BAD_GATEWAY, code, "the department answered with an error");
            case AUTH_FAILED -> new ExchangeFailure(HttpStatus.BAD_GATEWAY, code,
                    "the department refused the hub's credentials; the hub's configuration needs an operator");
            case ANSWER_TOO_LARGE -> new ExchangeFailure(HttpStatus.BAD_GATEWAY, code,
                    "the department's answer was larger than the hub takes from it");
            case REFUSED -> new ExchangeFailure(HttpStatus.UNPROCESSABLE_ENTITY, code, department.reason() != null
                    ? department.reason() : "the department refused the request");
        };
    }
}
