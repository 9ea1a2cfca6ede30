package tongban.hub.catalogue;

import java.time.Instant;
import java.util.List;

/** What one sync run did — or why it changed nothing. */
public record SyncReport(int runNo, String trigger, Instant startedAt, Instant finishedAt, Outcome outcome,
                         int itemsSeen, int added, int changed, int removed, int rejected, String reason,
                         List<Change> changes) {

    public enum Outcome { APPLIED, REFUSED }

    public enum Kind { ADDED, CHANGED, REMOVED, REJECTED }

    /** One item's change; for a rejected record, {@code detail} says what was wrong with it. */
    public record Change(String implementationCode, Kind kind, String detail) {
    }
}
