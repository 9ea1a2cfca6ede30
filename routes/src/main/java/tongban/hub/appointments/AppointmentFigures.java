package tongban.hub.appointments;

import java.time.LocalDate;

/**
 * One hall's day of appointments for the bureau (网上预约 人次): booked (every booking not cancelled), kept (checked
 * in at a window), not kept (the day passed without a check-in) and cancelled.
 */
public record AppointmentFigures(String hall, LocalDate day, int booked, int kept, int noShows, int cancelled) {
}
