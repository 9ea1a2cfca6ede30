package tongban.adapters.support;

import java.time.Duration;
import java.util.List;

/**
 * What the hub sees of an adapter: the services it carries. Each adapter is a Spring bean in its own
 * package ({@code tongban.adapters.<department>}) that also builds the Camel routes behind those services.
 */
public interface DepartmentAdapter {

    /** The department's name in kebab case, as used in URLs and property names. */
    String department();

    /** The department's name as people know it (海口市公安局), for pages and receipts; its key if it has none. */
    default String title() {
        return department();
    }

    /**
     * The city's code for the department (政务服务单位编码: SWJ, GAJ …), by which the 12345 hotline and the other
     * departments name it — in a work order handed in, in a transfer asked for; null if it has none.
     */
    default String unitCode() {
        return null;
    }

    List<ServiceDefinition> services();

    /** Calls the department makes into the hub (none by default). */
    default List<CallbackDefinition> callbacks() {
        return List.of();
    }

    /**
     * What each environment must set before the hub may start ({@link DepartmentSettings}): the department's URL by
     * default; a described department adds the secrets of its auth style.
     */
    default List<String> requiredSettings() {
        return List.of(DepartmentSettings.of(department(), "url"));
    }

    /**
     * The bounds of a call to this department as the adapter knows them (deadline, answer size, share of the hub);
     * each environment may override them ({@link CallLimits#in}). The hub enforces the deadline and the share for
     * every call, whatever the protocol; the adapter's HTTP client the size.
     */
    default CallLimits limits() {
        return CallLimits.defaults(Duration.ofSeconds(5));
    }

    /**
     * Whether the adapter's own client ends every call at its deadline ({@link DepartmentHttp} does): then the hub
     * runs the call on the caller's thread and only counts it against the department's share; otherwise (a SOAP
     * client, say) the hub runs it on a thread of the department's lane and stops waiting at the deadline itself.
     */
    default boolean boundsItsOwnCalls() {
        return false;
    }

    /** Where the adapter is defined, for start-up errors: its class, or its descriptor file. */
    default String origin() {
        return getClass().getName();
    }
}
