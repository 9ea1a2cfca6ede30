package tongban.hub.appointments;

import org.springframework.http.HttpStatus;
import tongban.hub.problem.WordedFailure;

/** A booking, cancellation or check-in refused, with the words the person reads and a code for API clients. */
public class AppointmentFailure extends WordedFailure {

    AppointmentFailure(HttpStatus status, String code, String words, String detail) {
        super(status, code, words, detail);
    }

    static AppointmentFailure invalid(String words, String detail) {
        return new AppointmentFailure(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", words, detail);
    }

    static AppointmentFailure notFound(long id) {
        return new AppointmentFailure(HttpStatus.NOT_FOUND, "APPOINTMENT_NOT_FOUND", "没有找到这个预约",
                "there is no appointment " + id + " of yours");
    }

    static AppointmentFailure conflict(String words, String detail) {
        return new AppointmentFailure(HttpStatus.CONFLICT, "APPOINTMENT_STATUS_CONFLICT", words, detail);
    }
}
