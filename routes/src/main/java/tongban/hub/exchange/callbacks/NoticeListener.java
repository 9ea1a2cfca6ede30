package tongban.hub.exchange.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Acts on a department's notice inside the transaction that records it: what it changes is committed with the
 * notice or not at all, and a listener that refuses the notice ({@link tongban.hub.problem.ExchangeFailure}) refuses
 * it to the department, with nothing recorded or published.
 */
public interface NoticeListener {

    /**
     * @param event the canonical event (its {@code data} holds the notice's canonical fields)
     * @return the case the notice was about, for its message-log entry, or null
     */
    String received(String department, String callback, ObjectNode event);

    /** A canonical text field of a notice, stripped; null when absent or blank. */
    static String text(JsonNode data, String field) {
        String value = data.path(field).asText("");
        return value.isBlank() ? null : value.strip();
    }

    /**
     * When the department says the change happened ({@code changedAt}, ISO with offset), never later than {@code now}
     * (a clock ahead of ours does not date the future); {@code now} when the notice does not say.
     */
    static Instant changedAt(JsonNode data, Instant now) {
        JsonNode changedAt = data.path("changedAt");
        if (changedAt.isTextual()) {
            try {
                Instant at = OffsetDateTime.parse(changedAt.asText()).toInstant();
                return at.isAfter(now) ? now : at;
            } catch (DateTimeParseException e) {
                return now;
            }
        }
        return now;
    }
}
