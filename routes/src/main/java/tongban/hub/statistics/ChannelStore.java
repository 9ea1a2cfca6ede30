package tongban.hub.statistics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counting queries behind the channel figures: applications by the channel they came through and the window
 * and staff member that took them in (by the day they were made), cases finished by the window that handled them,
 * ratings by window and by the staff member who took the case in, appointments by hall (by their slot's day),
 * results posted (by the day the carrier took the order) and collected, approvals on a pledge and their checks.
 * Each is one grouped query on a day column.
 */
@Repository
class ChannelStore {

    /** Counts keyed by their group's parts joined with '|'. */
    static final class Counts {
        final Map<String, long[]> byKey = new LinkedHashMap<>();

        long[] get(String key, int width) {
            return byKey.computeIfAbsent(key, k -> new long[width]);
        }
    }

    private final JdbcTemplate jdbc;

    ChannelStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Applications (single cases and bundles, not their parts) by channel. */
    Map<String, Long> applicationsByChannel(LocalDate from, LocalDate to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT channel, COUNT(*) FROM service_case WHERE parent_number IS NULL AND submitted_on BETWEEN ? "
                        + "AND ? GROUP BY channel", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, Date.valueOf(from), Date.valueOf(to));
        return counts;
    }

    /** Applications taken in at windows: [received] per received window | staff member. */
    Counts windowIntake(LocalDate from, LocalDate to) {
        Counts counts = new Counts();
        jdbc.query("SELECT received_window, received_by, COUNT(*) FROM service_case WHERE parent_number IS NULL "
                        + "AND received_window IS NOT NULL AND submitted_on BETWEEN ? AND ? "
                        + "GROUP BY received_window, received_by", rs -> {
                    counts.get(rs.getString(1) + "|" + rs.getString(2), 1)[0] += rs.getLong(3);
                }, Date.valueOf(from), Date.valueOf(to));
        return counts;
    }

    /** Cases finished, by the window that handled them: [finished, early, overdue]. */
    Counts finishedByWindow(LocalDate from, LocalDate to) {
        Counts counts = new Counts();
        jdbc.query("SELECT c.service_window, f.outcome, COUNT(*) FROM case_fact f JOIN service_case c "
                        + "ON c.case_number = f.case_number WHERE f.decided_on BETWEEN ? AND ? "
                        + "AND f.outcome BETWEEN 2 AND 5 GROUP BY c.service_window, f.outcome", rs -> {
                    long[] n = counts.get(rs.getString(1), 3);
                    int outcome = rs.getInt(2);
                    n[0] += rs.getLong(3);
                    n[1] += outcome == 2 ? rs.getLong(3) : 0;
                    n[2] += outcome == 4 ? rs.getLong(3) : 0;
                }, Date.valueOf(from), Date.valueOf(to));
        return counts;
    }

    /**
     * Ratings (好差评, the first rating of a case) by the window that handled the case | the staff member who took it
     * in (none for an online case): [ratings, good (4–5), bad (1–2)].
     */
    Counts ratingsByWindowAndStaff(LocalDate from, LocalDate to) {
        Counts counts = new Counts();
        jdbc.query("SELECT c.service_window, c.received_by, "
                        + "SUM(CASE WHEN r.rating_level >= 4 THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN r.rating_level <= 2 THEN 1 ELSE 0 END), COUNT(*) "
                        + "FROM case_rating r JOIN service_case c ON c.case_number = r.case_number "
                        + "WHERE r.rated_on BETWEEN ? AND ? AND r.kind = 'RATING' "
                        + "GROUP BY c.service_window, c.received_by", rs -> {
                    long[] n = counts.get(rs.getString(1) + "|" + rs.getString(2), 3);
                    n[0] += rs.getLong(5);
                    n[1] += rs.getLong(3);
                    n[2] += rs.getLong(4);
                }, Date.valueOf(from), Date.valueOf(to));
        return counts;
    }

    /**
     * Appointments by hall, by their slot's day: [booked (not cancelled), kept, not kept]. A booking of a day already
     * past and never checked in is not kept, whether or not the sweep has marked it yet.
     */
    Counts appointmentsByHall(LocalDate from, LocalDate to, LocalDate today) {
        Counts counts = new Counts();
        jdbc.query("SELECT hall, SUM(CASE WHEN status <> 'CANCELLED' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN status = 'CHECKED_IN' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN status = 'NO_SHOW' OR (status = 'BOOKED' AND slot_day < ?) THEN 1 ELSE 0 END) "
                        + "FROM appointment WHERE slot_day BETWEEN ? AND ? GROUP BY hall", rs -> {
                    long[] n = counts.get(rs.getString(1), 3);
                    n[0] += rs.getLong(2);
                    n[1] += rs.getLong(3);
                    n[2] += rs.getLong(4);
                }, Date.valueOf(today), Date.valueOf(from), Date.valueOf(to));
        return counts;
    }

    /** Results by department: [posted (the carrier took the order that day), collected at the hall (finished that day)]. */
    Counts resultsByDepartment(LocalDate from, LocalDate to) {
        Counts counts = new Counts();
        jdbc.query("SELECT COALESCE(c.department, 'tongban'), COUNT(*) FROM case_delivery d JOIN service_case c "
                        + "ON c.case_number = d.case_number WHERE d.shipped_on BETWEEN ? AND ? "
                        + "GROUP BY COALESCE(c.department, 'tongban')", rs -> {
                    counts.get(rs.getString(1), 2)[0] += rs.getLong(2);
                }, Date.valueOf(from), Date.valueOf(to));
        jdbc.query("SELECT f.department, COUNT(*) FROM case_delivery d JOIN case_fact f "
                        + "ON f.case_number = d.case_number WHERE d.method = 'HALL' AND f.decided_on BETWEEN ? AND ? "
                        + "AND f.outcome BETWEEN 2 AND 5 GROUP BY f.department", rs -> {
                    counts.get(rs.getString(1), 2)[1] += rs.getLong(2);
                }, Date.valueOf(from), Date.valueOf(to));
        return counts;
    }

    /** 告知承诺: [approved on a pledge (by the day applied), checks reported (that day), on time, found untrue]. */
    long[] pledges(LocalDate from, LocalDate to) {
        long[] n = new long[4];
        jdbc.query("SELECT COUNT(*) FROM case_commitment p JOIN service_case c ON c.case_number = p.case_number "
                + "WHERE c.submitted_on BETWEEN ? AND ?", rs -> {
                    n[0] = rs.getLong(1);
                }, Date.valueOf(from), Date.valueOf(to));
        jdbc.query("SELECT COUNT(*), SUM(CASE WHEN checked_on <= check_due_on THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN check_result = 'FAILED' THEN 1 ELSE 0 END) FROM case_commitment "
                + "WHERE checked_on BETWEEN ? AND ?", rs -> {
                    n[1] = rs.getLong(1);
                    n[2] = rs.getLong(2);
                    n[3] = rs.getLong(3);
                }, Date.valueOf(from), Date.valueOf(to));
        return n;
    }
}
