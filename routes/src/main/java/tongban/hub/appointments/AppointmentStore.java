package tongban.hub.appointments;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slots and the bookings. A place is taken by one conditional update ({@code booked < places}), which the
 * database serialises on the slot's row: however many people book the last places at once, exactly the places
 * are given.
 */
@Repository
class AppointmentStore {

    private static final RowMapper<Appointment> APPOINTMENT = (rs, n) -> new Appointment(rs.getLong("id"),
            new Appointment.Slot(rs.getString("hall"), rs.getDate("slot_day").toLocalDate(),
                    rs.getTime("starts_at").toLocalTime()),
            new Appointment.Offer(rs.getString("offer_kind"), rs.getString("offer_id"), rs.getString("offer_title")),
            new Appointment.Person(rs.getString("subject"), rs.getString("id_number"), rs.getString("person_name")),
            rs.getString("channel"), AppointmentStatus.valueOf(rs.getString("status")),
            rs.getTimestamp("booked_at").toInstant(), instant(rs.getTimestamp("cancelled_at")),
            rs.getTimestamp("checked_in_at") == null ? null : new Appointment.CheckIn(
                    rs.getTimestamp("checked_in_at").toInstant(), rs.getString("checked_in_by"),
                    rs.getString("service_window"), rs.getString("case_number")));

    private final JdbcTemplate jdbc;

    AppointmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Makes the slot's row if it is not there yet; run on its own, outside a booking's transaction. */
    void ensureSlot(Appointment.Slot slot, int places) {
        try {
            jdbc.update("INSERT INTO appointment_slot (hall, slot_day, starts_at, places, booked) VALUES (?,?,?,?,0)",
                    slot.hall(), Date.valueOf(slot.day()), Time.valueOf(slot.startsAt()), places);
        } catch (DuplicateKeyException already) {
            // another booking made it first
        }
    }

    /** @return whether a place was free and is now taken */
    boolean takePlace(Appointment.Slot slot) {
        return jdbc.update("UPDATE appointment_slot SET booked = booked + 1 WHERE hall = ? AND slot_day = ? "
                + "AND starts_at = ? AND booked < places", slot.hall(), Date.valueOf(slot.day()),
                Time.valueOf(slot.startsAt())) == 1;
    }

    void releasePlace(Appointment.Slot slot) {
        jdbc.update("UPDATE appointment_slot SET booked = booked - 1 WHERE hall = ? AND slot_day = ? AND starts_at = ? "
                + "AND booked > 0", slot.hall(), Date.valueOf(slot.day()), Time.valueOf(slot.startsAt()));
    }

    /** The places taken in a hall's slots between two days (slots nobody booked yet are absent). */
    Map<Appointment.Slot, Integer> taken(String hall, LocalDate from, LocalDate to) {
        Map<Appointment.Slot, Integer> taken = new HashMap<>();
        jdbc.query("SELECT slot_day, starts_at, booked FROM appointment_slot WHERE hall = ? AND slot_day BETWEEN ? AND ?",
                rs -> {
                    taken.put(new Appointment.Slot(hall, rs.getDate("slot_day").toLocalDate(),
                            rs.getTime("starts_at").toLocalTime()), rs.getInt("booked"));
                }, hall, Date.valueOf(from), Date.valueOf(to));
        return taken;
    }

    long insert(Appointment a) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement s = connection.prepareStatement("INSERT INTO appointment (hall, slot_day, starts_at, "
                    + "offer_kind, offer_id, offer_title, subject, id_number, person_name, channel, status, booked_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", new String[]{"id"});
            s.setString(1, a.slot().hall());
            s.setDate(2, Date.valueOf(a.slot().day()));
            s.setTime(3, Time.valueOf(a.slot().startsAt()));
            s.setString(4, a.offer().kind());
            s.setString(5, a.offer().id());
            s.setString(6, a.offer().title());
            s.setString(7, a.person().subject());
            s.setString(8, a.person().idNumber());
            s.setString(9, a.person().name());
            s.setString(10, a.channel());
            s.setString(11, a.status().name());
            s.setTimestamp(12, Timestamp.from(a.bookedAt()));
            return s;
        }, key);
        return key.getKey().longValue();
    }

    Optional<Appointment> find(long id) {
        return jdbc.query("SELECT * FROM appointment WHERE id = ?", APPOINTMENT, id).stream().findFirst();
    }

    /** A person's bookings, the latest slot first. */
    List<Appointment> ofPerson(String idNumber, int limit) {
        return jdbc.query("SELECT * FROM appointment WHERE id_number = ? ORDER BY slot_day DESC, starts_at DESC "
                + "FETCH FIRST " + limit + " ROWS ONLY", APPOINTMENT, idNumber);
    }

    /** A hall's bookings of one day, by slot and then by when they were made. */
    List<Appointment> ofHallOn(String hall, LocalDate day) {
        return jdbc.query("SELECT * FROM appointment WHERE hall = ? AND slot_day = ? ORDER BY starts_at, booked_at",
                APPOINTMENT, hall, Date.valueOf(day));
    }

    /** Whether the person already holds a booking for this item or bundle on or after the day. */
    boolean holdsBooking(String idNumber, String offerKind, String offerId, LocalDate from) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM appointment WHERE id_number = ? AND status = 'BOOKED' "
                + "AND offer_kind = ? AND offer_id = ? AND slot_day >= ?", Integer.class, idNumber, offerKind, offerId,
                Date.valueOf(from));
        return n != null && n > 0;
    }

    /** The days a person did not come to bookings at a hall, from {@code since} on, latest first. */
    List<LocalDate> noShowDays(String idNumber, String hall, LocalDate since) {
        return jdbc.query("SELECT slot_day FROM appointment WHERE id_number = ? AND hall = ? AND status = 'NO_SHOW' "
                        + "AND slot_day >= ? ORDER BY slot_day DESC", (rs, n) -> rs.getDate(1).toLocalDate(),
                idNumber, hall, Date.valueOf(since));
    }

    /** @return false when the booking was no longer BOOKED */
    boolean cancel(long id, Instant at) {
        return jdbc.update("UPDATE appointment SET status = 'CANCELLED', cancelled_at = ? WHERE id = ? "
                + "AND status = 'BOOKED'", Timestamp.from(at), id) == 1;
    }

    /** @return false when the booking was no longer BOOKED */
    boolean checkIn(long id, Instant at, String by, String window) {
        return jdbc.update("UPDATE appointment SET status = 'CHECKED_IN', checked_in_at = ?, checked_in_by = ?, "
                + "service_window = ? WHERE id = ? AND status = 'BOOKED'", Timestamp.from(at), by, window, id) == 1;
    }

    /** @return false when the appointment is not checked in or already has its case */
    boolean linkCase(long id, String caseNumber) {
        return jdbc.update("UPDATE appointment SET case_number = ? WHERE id = ? AND status = 'CHECKED_IN' "
                + "AND case_number IS NULL", caseNumber, id) == 1;
    }

    /** Bookings whose day is over without a check-in are not kept. */
    int markNoShowsBefore(LocalDate day) {
        return jdbc.update("UPDATE appointment SET status = 'NO_SHOW' WHERE status = 'BOOKED' AND slot_day < ?",
                Date.valueOf(day));
    }

    /** Per hall and day between two days: booked (all but cancelled), kept, not kept, cancelled. */
    List<AppointmentFigures> figures(LocalDate from, LocalDate to) {
        return jdbc.query("SELECT hall, slot_day, "
                        + "SUM(CASE WHEN status <> 'CANCELLED' THEN 1 ELSE 0 END) AS booked, "
                        + "SUM(CASE WHEN status = 'CHECKED_IN' THEN 1 ELSE 0 END) AS kept, "
                        + "SUM(CASE WHEN status = 'NO_SHOW' THEN 1 ELSE 0 END) AS no_shows, "
                        + "SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancelled "
                        + "FROM appointment WHERE slot_day BETWEEN ? AND ? GROUP BY hall, slot_day ORDER BY hall, slot_day",
                (rs, n) -> new AppointmentFigures(rs.getString("hall"), rs.getDate("slot_day").toLocalDate(),
                        rs.getInt("booked"), rs.getInt("kept"), rs.getInt("no_shows"), rs.getInt("cancelled")),
                Date.valueOf(from), Date.valueOf(to));
    }
}
