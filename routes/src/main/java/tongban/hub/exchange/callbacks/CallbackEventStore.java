package tongban.hub.exchange.callbacks;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

/** The notices received from departments, one row per department, callback and the department's event id. */
@Repository
class CallbackEventStore {

    private final JdbcTemplate jdbc;

    CallbackEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a notice's canonical event.
     *
     * @throws DuplicateKeyException when the department sent this event id before
     */
    void insert(String department, String callback, String eventId, String requestId, Instant received, String event) {
        jdbc.update("INSERT INTO callback_event (department, callback, event_id, request_id, received_at, event_body) "
                + "VALUES (?,?,?,?,?,?)", department, callback, eventId, requestId, Timestamp.from(received), event);
    }

    /** The canonical event recorded the first time this event id came. */
    String firstEvent(String department, String callback, String eventId) {
        return jdbc.queryForObject("SELECT event_body FROM callback_event WHERE department = ? AND callback = ? "
                + "AND event_id = ?", String.class, department, callback, eventId);
    }
}
