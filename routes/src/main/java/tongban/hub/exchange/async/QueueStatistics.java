package tongban.hub.exchange.async;

import java.util.List;
import java.util.Map;

/** How a department's queue and dead-letter queue stand, as the broker counts them. */
public interface QueueStatistics {

    /**
     * @param depth        messages waiting or being worked on
     * @param consumers    consumers attached
     * @param inFlight     messages delivered to a consumer and not yet acknowledged
     * @param added        messages ever added (since the broker started)
     * @param acknowledged messages ever acknowledged
     * @param deadLetters  messages in the department's dead-letter queue
     */
    record Counts(long depth, int consumers, long inFlight, long added, long acknowledged, long deadLetters) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
    }

    /** The counts of each department's queues, in one go (a department the broker cannot tell about: {@code NONE}). */
    Map<String, Counts> of(List<String> departments);
}
