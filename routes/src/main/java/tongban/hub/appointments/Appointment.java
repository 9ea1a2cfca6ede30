package tongban.hub.appointments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One booking of a place in a hall's slot, by named parts.
 *
 * @param checkIn null until the person is checked in at a window
 */
public record Appointment(long id, Slot slot, Offer offer, Person person, String channel, AppointmentStatus status,
                          Instant bookedAt, Instant cancelledAt, CheckIn checkIn) {

    /** A hall's slot: the day and the time it starts. */
    public record Slot(String hall, LocalDate day, LocalTime startsAt) {
    }

    /** What the person comes for: an item (by 实施编码) or a bundle (by id), with its title. */
    public record Offer(String kind, String id, String title) {
    }

    /** Who booked: their account, id number and name. */
    public record Person(String subject, String idNumber, String name) {
    }

    /** Kept: when, by which staff member at which window, and the case the window took in. */
    public record CheckIn(Instant at, String by, String window, String caseNumber) {
    }
}
