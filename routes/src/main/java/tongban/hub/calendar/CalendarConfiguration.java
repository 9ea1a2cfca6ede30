package tongban.hub.calendar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tongban.hub.web.BeijingTime;

import java.time.LocalDate;

/** The working calendar, read once at start; says so in the log when this or next year's calendar is missing. */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarConfiguration.class);

    @Bean
    WorkingCalendar workingCalendar() {
        WorkingCalendar calendar = WorkingCalendar.fromClasspath();
        int thisYear = LocalDate.now(BeijingTime.ZONE).getYear();
        for (int year : new int[]{thisYear, thisYear + 1}) {
            if (!calendar.years().contains(year)) {
                LOG.warn("no holiday calendar for {} (calendar/{}.yaml): its due dates count Monday to Friday only "
                        + "until the State Council's notice is added", year, year);
            }
        }
        return calendar;
    }
}
