package tongban.hub.cases;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Where each case's result goes, the shipment made for it, and the parcel's tracking steps. */
@Repository
class DeliveryStore {

    /** A case's delivery as stored. */
    record Stored(String caseNumber, Delivery delivery, String status, String submissionId, String waybillNo,
                  String problem, boolean followUp) {
    }

    /** One tracking step the carrier posted. */
    record Step(String step, Instant at, String place, String note) {
    }

    private static final RowMapper<Stored> STORED = (rs, n) -> new Stored(rs.getString("case_number"),
            new Delivery(rs.getString("method"), rs.getString("recipient"), rs.getString("phone"),
                    rs.getString("province"), rs.getString("city"), rs.getString("district"), rs.getString("address")),
            rs.getString("status"), rs.getString("submission_id"), rs.getString("waybill_no"), rs.getString("problem"),
            rs.getBoolean("follow_up"));

    private final JdbcTemplate jdbc;

    DeliveryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String caseNumber, Delivery d) {
        jdbc.update("INSERT INTO case_delivery (case_number, method, recipient, phone, province, city, district, "
                        + "address, status, follow_up) VALUES (?,?,?,?,?,?,?,?,?,FALSE)", caseNumber, d.method(),
                d.recipient(), d.phone(), d.province(), d.city(), d.district(), d.address(),
                d.byPost() ? "WAITING" : "COLLECT");
    }

    Optional<Stored> find(String caseNumber) {
        return jdbc.query("SELECT * FROM case_delivery WHERE case_number = ?", STORED, caseNumber).stream().findFirst();
    }

    /** Parcels to post: by post, not ordered yet, their case approved. */
    List<String> toShip(int limit) {
        return jdbc.queryForList("SELECT d.case_number FROM case_delivery d JOIN service_case c "
                + "ON c.case_number = d.case_number WHERE d.status = 'WAITING' AND c.status = 'FINISHED' "
                + "AND c.outcome = 'APPROVED' ORDER BY d.case_number FETCH FIRST " + limit + " ROWS ONLY", String.class);
    }

    /** Orders handed to the exchange and not yet answered. */
    List<String> sent(int limit) {
        return jdbc.queryForList("SELECT case_number FROM case_delivery WHERE status = 'SENT' ORDER BY case_number "
                + "FETCH FIRST " + limit + " ROWS ONLY", String.class);
    }

    /** @return false when another hub (or an earlier look) handed it over first */
    boolean sent(String caseNumber, String submissionId) {
        return jdbc.update("UPDATE case_delivery SET status = 'SENT', submission_id = ? WHERE case_number = ? "
                + "AND status = 'WAITING'", submissionId, caseNumber) == 1;
    }

    boolean created(String caseNumber, String waybillNo, LocalDate day) {
        return jdbc.update("UPDATE case_delivery SET status = 'CREATED', waybill_no = ?, shipped_on = ? "
                + "WHERE case_number = ? AND status = 'SENT'", waybillNo, Date.valueOf(day), caseNumber) == 1;
    }

    boolean failed(String caseNumber, String problem) {
        return jdbc.update("UPDATE case_delivery SET status = 'FAILED', problem = ?, follow_up = TRUE "
                + "WHERE case_number = ? AND status = 'SENT'", problem, caseNumber) == 1;
    }

    /** @return false when the carrier told this step before (a repeated notice) */
    boolean addStep(String caseNumber, Step step) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM shipment_step WHERE case_number = ? AND step = ? "
                + "AND happened_at = ?", Integer.class, caseNumber, step.step(), Timestamp.from(step.at()));
        if (known != null && known > 0) {
            return false;
        }
        jdbc.update("INSERT INTO shipment_step (case_number, step, happened_at, place, note) VALUES (?,?,?,?,?)",
                caseNumber, step.step(), Timestamp.from(step.at()), step.place(), step.note());
        return true;
    }

    /** The parcel's state after a step: delivered, or returned (the window follows it up). */
    void parcel(String caseNumber, String status, String problem) {
        jdbc.update("UPDATE case_delivery SET status = ?, problem = COALESCE(?, problem), follow_up = ? "
                + "WHERE case_number = ? AND status IN ('CREATED', 'DELIVERED', 'RETURNED')", status, problem,
                "RETURNED".equals(status), caseNumber);
    }

    List<Step> steps(String caseNumber) {
        return jdbc.query("SELECT * FROM shipment_step WHERE case_number = ? ORDER BY happened_at, step",
                (rs, n) -> new Step(rs.getString("step"), rs.getTimestamp("happened_at").toInstant(),
                        rs.getString("place"), rs.getString("note")), caseNumber);
    }

    /** A window's parcels to follow up (returned, or the order refused), by case. */
    List<String> followUps(String window, int limit) {
        return jdbc.queryForList("SELECT d.case_number FROM case_delivery d JOIN service_case c "
                + "ON c.case_number = d.case_number WHERE d.follow_up = TRUE AND c.service_window = ? "
                + "ORDER BY d.case_number FETCH FIRST " + limit + " ROWS ONLY", String.class, window);
    }

    void followedUp(String caseNumber) {
        jdbc.update("UPDATE case_delivery SET follow_up = FALSE WHERE case_number = ?", caseNumber);
    }
}
