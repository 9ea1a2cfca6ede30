package tongban.hub.exchange.async;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/**
 * What waits for each department: submissions accepted or being retried and not yet finished, and since when the
 * oldest of them waits — a department in its maintenance window shows here before anyone calls to ask.
 */
@Component
public class Backlog {

    /** @param oldestSince when the longest-waiting submission was accepted, or null when none waits */
    public record Waiting(long submissions, Instant oldestSince) {
        public static final Waiting NONE = new Waiting(0, null);
    }

    private final SubmissionStore store;

    Backlog(SubmissionStore store) {
        this.store = store;
    }

    /** Departments with nothing waiting are left out. */
    public Map<String, Waiting> byDepartment() {
        return store.waitingByDepartment();
    }
}
