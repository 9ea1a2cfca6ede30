package tongban.adapters.support;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One service a department offers on the exchange, addressed as {@code {department}/{service}}.
 * Adapters publish these; the hub looks them up, checks access rights against them and sends the
 * request to {@link #endpointUri()} — it never needs to know which department speaks which protocol.
 *
 * @param department   department name in kebab case, e.g. {@code public-security}
 * @param service      service name in kebab case, e.g. {@code identity-verification}
 * @param title        human title, in the department's words (Chinese where the department uses it)
 * @param endpointUri  the Camel endpoint that carries a call, by convention {@code direct:adapter-<department>-<service>}
 * @param subjectField the request field holding the resident id number of the person the call is about
 *                     (a citizen may only ask about themselves), or {@code null} for public information
 * @param idempotentRead whether the call only reads, so that it may safely be retried
 * @param minimumLevel the real-name level (实名等级 2–4) a citizen needs for this service, or 0 for none
 */
public record ServiceDefinition(String department, String service, String title, String endpointUri,
                                String subjectField, boolean idempotentRead, int minimumLevel) {

    /** The exchange property carrying the hub's request id down an adapter route (departments may log it). */
    public static final String REQUEST_ID_PROPERTY = "tongbanRequestId";

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ServiceDefinition {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(endpointUri, "endpointUri");
        if (department == null || !KEBAB.matcher(department).matches()) {
            throw new IllegalArgumentException("department must be kebab case: " + department);
        }
        if (service == null || !KEBAB.matcher(service).matches()) {
            throw new IllegalArgumentException("service must be kebab case: " + service);
        }
        if (minimumLevel != 0 && (minimumLevel < 2 || minimumLevel > 4)) {
            throw new IllegalArgumentException("minimumLevel must be 0 or 2–4: " + minimumLevel);
        }
    }

    /** A read-only service about a person, carried by the conventional direct route. */
    public static ServiceDefinition personRead(String department, String service, String title, String subjectField) {
        return new ServiceDefinition(department, service, title, routeUri(department, service), subjectField, true, 0);
    }

    /** A read-only service on public information (no person involved). */
    public static ServiceDefinition publicRead(String department, String service, String title) {
        return new ServiceDefinition(department, service, title, routeUri(department, service), null, true, 0);
    }

    /** The same service, open to citizens only from real-name level {@code level} up. */
    public ServiceDefinition withMinimumLevel(int level) {
        return new ServiceDefinition(department, service, title, endpointUri, subjectField, idempotentRead, level);
    }

    /** {@code <department>/<service>}, the address used in the API, in access rights and in the message log. */
    public String address() {
        return department + "/" + service;
    }

    public boolean concernsPerson() {
        return subjectField != null;
    }

    /** The route id every adapter route follows: {@code adapter-<department>-<service>}. */
    public static String routeId(String department, String service) {
        return "adapter-" + department + "-" + service;
    }

    public static String routeUri(String department, String service) {
        return "direct:" + routeId(department, service);
    }
}
