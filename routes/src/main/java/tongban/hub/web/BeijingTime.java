package tongban.hub.web;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times as people on the platform read them: Beijing time, {@code 2020-06-30 09:00:00}. Pages call it as
 * {@code ${@beijingTime.format(instant)}}.
 */
@Component("beijingTime")
public class BeijingTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZONE);

    public String format(Instant at) {
        return seconds(at);
    }

    /** {@code 2020-06-30 09:00:00} in Beijing, for code that is not a page. */
    public static String seconds(Instant at) {
        return at == null ? "" : SECONDS.format(at);
    }

    /** With milliseconds, for the message log. */
    public String formatMillis(Instant at) {
        return at == null ? "" : MILLIS.format(at);
    }
}
