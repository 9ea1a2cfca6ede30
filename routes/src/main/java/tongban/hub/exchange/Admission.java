package tongban.hub.exchange;

import tongban.hub.problem.ExchangeFailure;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.adapters.support.ResidentIdNumber;
import tongban.adapters.support.ServiceDefinition;
import tongban.sso.identity.Caller;

/**
 * Everything that must hold before a call may go to a department, synchronous or queued: the client is within its
 * rate, the service exists, the request names a well-formed person if the service is about one, and the caller
 * may ask about that person for that service.
 */
@Component
public class Admission {

    /** A call that may go ahead: the service, and the id number it is about (or null). */
    public record Admitted(ServiceDefinition service, String subject) {
    }

    private final ServiceRegistry registry;
    private final AccessPolicy access;
    private final DepartmentGuard guard;

    Admission(ServiceRegistry registry, AccessPolicy access, DepartmentGuard guard) {
        this.registry = registry;
        this.access = access;
        this.guard = guard;
    }

    /** @throws ExchangeFailure the 4xx the caller gets when the call may not go ahead */
    public Admitted admit(Caller caller, String department, String serviceName, JsonNode request, String caseId) {
        guard.admit(caller.clientId());
        ServiceDefinition service = registry.find(department, serviceName).orElseThrow(() ->
                new ExchangeFailure(HttpStatus.NOT_FOUND, "UNKNOWN_SERVICE",
                        "there is no service " + department + "/" + serviceName));
        String subject = AccessPolicy.subjectOf(service, request);
        access.check(caller, service, subject, caseId);
        return new Admitted(service, subject);
    }

    /** For the log of a refused call: the id number it was about, if the request names a well-formed one. */
    public String subjectIfReadable(String department, String serviceName, JsonNode request) {
        ServiceDefinition service = registry.find(department, serviceName).orElse(null);
        if (service == null || !service.concernsPerson() || request == null) {
            return null;
        }
        JsonNode value = request.get(service.subjectField());
        return value != null && value.isTextual() && ResidentIdNumber.isValid(value.asText()) ? value.asText() : null;
    }
}
