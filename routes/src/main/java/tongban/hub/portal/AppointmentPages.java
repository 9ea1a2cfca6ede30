package tongban.hub.portal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tongban.hub.appointments.Appointment;
import tongban.hub.appointments.AppointmentFailure;
import tongban.hub.appointments.Appointments;
import tongban.hub.cases.Cases;
import tongban.hub.halls.Halls;
import tongban.sso.identity.Caller;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * 网上预约 on the portal: 我的预约, booking a slot for an item or a bundle at a hall that takes it, cancelling; and
 * for window staff, checking a person in, which opens the window's application form for what they booked.
 */
@Controller
class AppointmentPages {

    private final Appointments appointments;
    private final Cases cases;
    private final SessionCallers callers;

    AppointmentPages(Appointments appointments, Cases cases, SessionCallers callers) {
        this.appointments = appointments;
        this.cases = cases;
        this.callers = callers;
    }

    private Caller caller(OAuth2AuthorizedClient client) {
        return callers.of(client);
    }

    @GetMapping("/portal/appointments")
    String mine(@RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                Model model) {
        Caller caller = caller(client);
        model.addAttribute("staff", caller.isStaff());
        model.addAttribute("appointments", appointments.mine(caller));
        return "portal/appointments";
    }

    @GetMapping("/portal/appointments/new")
    String choose(@RequestParam String kind, @RequestParam String id,
                  @RequestParam(required = false) String hall,
                  @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                  Model model) {
        Cases.Offer offer = cases.offer(kind, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<Halls.Hall> halls = appointments.hallsFor(kind, id);
        Halls.Hall chosen = halls.stream().filter(h -> h.id().equals(hall)).findFirst()
                .orElse(halls.isEmpty() ? null : halls.get(0));
        model.addAttribute("staff", caller(client).isStaff());
        model.addAttribute("offer", offer);
        model.addAttribute("halls", halls);
        model.addAttribute("hall", chosen);
        model.addAttribute("days", chosen == null ? List.of() : appointments.days(chosen.id()));
        return "portal/book";
    }

    @PostMapping("/portal/appointments")
    String book(@RequestParam String kind, @RequestParam String id, @RequestParam String hall,
                @RequestParam(required = false) String slot, @AuthenticationPrincipal OidcUser user,
                @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                RedirectAttributes redirect) {
        try {
            if (slot == null || !slot.contains("T")) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
            }
            LocalDate day = LocalDate.parse(slot.substring(0, slot.indexOf('T')));
            LocalTime startsAt = LocalTime.parse(slot.substring(slot.indexOf('T') + 1));
            Appointments.View booked = appointments.book(caller(client), PortalController.displayName(user),
                    new Appointments.Booking(hall, day, startsAt, kind, id, null));
            redirect.addFlashAttribute("notice", "已预约 " + booked.hallName() + " " + booked.day() + " "
                    + booked.startsAt() + "–" + booked.endsAt() + "，请按时到场并在窗口签到。");
            return "redirect:/portal/appointments";
        } catch (AppointmentFailure refused) {
            redirect.addFlashAttribute("error", refused.words());
        } catch (ResponseStatusException | DateTimeParseException noSlot) {
            redirect.addFlashAttribute("error", "请选择一个预约时段");
        }
        redirect.addAttribute("kind", kind).addAttribute("id", id).addAttribute("hall", hall);
        return "redirect:/portal/appointments/new";
    }

    @PostMapping("/portal/appointments/{appointment}/cancellation")
    String cancel(@PathVariable long appointment,
                  @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                  RedirectAttributes redirect) {
        try {
            appointments.cancel(caller(client), appointment);
            redirect.addFlashAttribute("notice", "预约已取消");
        } catch (AppointmentFailure refused) {
            redirect.addFlashAttribute("error", refused.words());
        }
        return "redirect:/portal/appointments";
    }

    /** Checks the person in and opens the window's application form for what they booked, filled with who they are. */
    @PostMapping("/portal/window/appointments/{appointment}/check-in")
    String checkIn(@PathVariable long appointment,
                   @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                   RedirectAttributes redirect) {
        try {
            Appointments.View in = appointments.checkIn(caller(client), appointment);
            redirect.addFlashAttribute("notice", in.personName() + " 已签到，请为其受理「" + in.offerTitle() + "」");
            return takeIn(appointment, in.offerKind(), in.offerId(), redirect);
        } catch (AppointmentFailure refused) {
            redirect.addFlashAttribute("error", refused.words());
            return "redirect:/portal/window";
        }
    }

    /** A checked-in person whose case the window has not taken in yet: back to their form. */
    @GetMapping("/portal/window/appointments/{appointment}")
    String resume(@PathVariable long appointment,
                  @RegisteredOAuth2AuthorizedClient(PortalSecurity.REGISTRATION) OAuth2AuthorizedClient client,
                  RedirectAttributes redirect) {
        Appointment in = appointments.checkedIn(caller(client), appointment);
        return takeIn(appointment, in.offer().kind(), in.offer().id(), redirect);
    }

    private static String takeIn(long appointment, String kind, String id, RedirectAttributes redirect) {
        redirect.addAttribute("kind", kind).addAttribute("id", id).addAttribute("appointment", appointment);
        return "redirect:/portal/apply/{kind}/{id}";
    }
}
