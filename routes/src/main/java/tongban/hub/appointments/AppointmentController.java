package tongban.hub.appointments;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.exchange.JsonRequests;
import tongban.hub.halls.Halls;
import tongban.hub.web.PersonNames;
import tongban.sso.identity.Caller;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * 网上预约 on the API: the halls, a hall's bookable slots, booking, one's own bookings and cancelling them; the
 * window's day and its check-ins; the bureau's figures ({@code /api/v1/statistics/appointments}).
 */
@RestController
class AppointmentController {

    /** A hall as API clients see it. */
    record HallView(String id, String name, String level, String parent, String address, boolean takesAppointments,
                    List<WindowView> windows) {
    }

    record WindowView(String code, String name) {
    }

    private final Appointments appointments;
    private final Halls halls;
    private final JsonRequests requests;

    AppointmentController(Appointments appointments, Halls halls, JsonRequests requests) {
        this.appointments = appointments;
        this.halls = halls;
        this.requests = requests;
    }

    @GetMapping("/api/v1/halls")
    List<HallView> halls() {
        return halls.all().stream().map(h -> new HallView(h.id(), h.name(), h.level(), h.parent(), h.address(),
                h.takesAppointments(), h.windows().stream().map(w -> new WindowView(w.code(), w.name())).toList()))
                .toList();
    }

    @GetMapping("/api/v1/halls/{hall}/slots")
    List<Appointments.DayView> slots(@PathVariable String hall) {
        return appointments.days(hall);
    }

    @GetMapping("/api/v1/appointments")
    List<Appointments.View> mine(@AuthenticationPrincipal Jwt jwt) {
        return appointments.mine(Caller.from(jwt));
    }

    @PostMapping("/api/v1/appointments")
    ResponseEntity<Appointments.View> book(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request)
            throws IOException {
        JsonNode body = requests.read(request).json();
        Appointments.Booking booking = new Appointments.Booking(text(body, "hall"), day(text(body, "day")),
                time(text(body, "startsAt")), text(body, "offerKind"), text(body, "offerId"), text(body, "channel"));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(appointments.book(Caller.from(jwt), PersonNames.of(jwt), booking));
    }

    @PostMapping("/api/v1/appointments/{id}/cancellation")
    ResponseEntity<Void> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable long id) {
        appointments.cancel(Caller.from(jwt), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/appointments/today")
    List<Appointments.View> today(@AuthenticationPrincipal Jwt jwt) {
        return appointments.today(Caller.from(jwt));
    }

    @PostMapping("/api/v1/appointments/{id}/check-in")
    Appointments.View checkIn(@AuthenticationPrincipal Jwt jwt, @PathVariable long id) {
        return appointments.checkIn(Caller.from(jwt), id);
    }

    @GetMapping("/api/v1/statistics/appointments")
    List<AppointmentFigures> figures(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                     @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (to.isBefore(from) || from.plusYears(2).isBefore(to)) {
            throw AppointmentFailure.invalid("统计期间不正确", "from must not be after to, and at most two years apart");
        }
        return appointments.figures(from, to);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static LocalDate day(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw AppointmentFailure.invalid("预约日期不正确", "day must be yyyy-MM-dd");
        }
    }

    private static LocalTime time(String text) {
        try {
            return text == null ? null : LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw AppointmentFailure.invalid("预约时段不正确", "startsAt must be HH:mm");
        }
    }
}
