package tongban.hub.ratings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tongban.hub.web.BeijingTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rating table: one row per case and kind, so a second rating of either kind is refused by the key itself. */
@Repository
class RatingStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    RatingStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return false when the case already has a rating of this kind */
    boolean insert(Rating r) {
        try {
            jdbc.update("INSERT INTO case_rating (case_number, kind, rating_level, indicators_json, comment_text, "
                            + "channel, client_id, rated_by, applicant_id_number, department, service_window, rated_at, "
                            + "rated_on, work_order) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    r.caseNumber(), r.kind(), r.level().value(), json.writeValueAsString(r.indicators()), r.comment(),
                    r.channel(), r.clientId(), r.ratedBy(), r.applicantIdNumber(), r.department(), r.serviceWindow(),
                    Timestamp.from(r.ratedAt()), Date.valueOf(LocalDate.ofInstant(r.ratedAt(), BeijingTime.ZONE)),
                    r.workOrder());
            return true;
        } catch (DuplicateKeyException already) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Rating> ofCase(String caseNumber) {
        return jdbc.query("SELECT * FROM case_rating WHERE case_number = ? ORDER BY rated_at", (rs, n) -> new Rating(
                rs.getString("case_number"), rs.getString("kind"),
                RatingLevel.of(rs.getInt("rating_level")).orElseThrow(), read(rs.getString("indicators_json")),
                rs.getString("comment_text"), rs.getString("channel"), rs.getString("client_id"),
                rs.getString("rated_by"), rs.getString("applicant_id_number"), rs.getString("department"),
                rs.getString("service_window"), rs.getTimestamp("rated_at").toInstant(), rs.getString("work_order")),
                caseNumber);
    }

    Optional<Rating> find(String caseNumber, String kind) {
        return ofCase(caseNumber).stream().filter(r -> r.kind().equals(kind)).findFirst();
    }

    private Map<String, Integer> read(String stored) {
        try {
            return json.readValue(stored, new TypeReference<LinkedHashMap<String, Integer>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
