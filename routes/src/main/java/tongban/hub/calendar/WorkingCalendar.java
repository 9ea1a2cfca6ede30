package tongban.hub.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Working days (工作日) as the State Council publishes them each year: Monday to Friday, less the public holidays,
 * plus the weekends declared working days in exchange (调休). Kept as data, one file per year
 * ({@code calendar/<year>.yaml}); a year without a file counts Monday to Friday and is {@linkplain #isPublished
 * not published}, so whoever shows a date from it can say it may still move.
 *
 * <p>Time limits follow the administrative-licensing rule: the day a case is accepted is not counted; a limit of
 * {@code n} working days ends at the close of the {@code n}-th working day after it. A limit of 0 (即办) is due the
 * day it is accepted, or the next working day if it was accepted on a day off.
 */
public final class WorkingCalendar {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<LocalDate, String> holidays;
    private final Set<LocalDate> workingWeekends;
    private final SortedSet<Integer> years;

    WorkingCalendar(Map<LocalDate, String> holidays, Set<LocalDate> workingWeekends, Set<Integer> years) {
        this.holidays = Map.copyOf(holidays);
        this.workingWeekends = Set.copyOf(workingWeekends);
        this.years = new TreeSet<>(years);
    }

    /** Reads every {@code calendar/*.yaml} on the classpath. */
    public static WorkingCalendar fromClasspath() {
        return load("classpath*:calendar/*.yaml");
    }

    static WorkingCalendar load(String location) {
        Map<LocalDate, String> holidays = new HashMap<>();
        Set<LocalDate> working = new HashSet<>();
        Set<Integer> years = new HashSet<>();
        Resource[] files;
        try {
            files = new PathMatchingResourcePatternResolver().getResources(location);
        } catch (IOException e) {
            throw new IllegalStateException("the holiday calendar cannot be listed at " + location, e);
        }
        for (Resource file : files) {
            readYear(file, holidays, working, years);
        }
        return new WorkingCalendar(holidays, working, years);
    }

    private static void readYear(Resource file, Map<LocalDate, String> holidays, Set<LocalDate> working,
                                 Set<Integer> years) {
        String source = "calendar/" + file.getFilename();
        JsonNode root;
        try (InputStream in = file.getInputStream()) {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(source + ": not valid YAML: " + e.getMessage());
        }
        int year = root.path("year").asInt(-1);
        if (!(year + ".yaml").equals(file.getFilename())) {
            throw new IllegalStateException(source + ": 'year' must be the year the file is named after");
        }
        if (!years.add(year)) {
            throw new IllegalStateException(source + ": the year " + year + " is given twice");
        }
        int i = 0;
        for (JsonNode holiday : root.path("holidays")) {
            String at = source + ": holidays[" + i++ + "]";
            LocalDate from = date(at + ".from", holiday.path("from"), year);
            LocalDate to = date(at + ".to", holiday.path("to"), year);
            if (to.isBefore(from)) {
                throw new IllegalStateException(at + ": ends before it starts");
            }
            String name = holiday.path("name").asText("节假日");
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                holidays.put(d, name);
            }
        }
        i = 0;
        for (JsonNode day : root.path("working-weekends")) {
            String at = source + ": working-weekends[" + i++ + "]";
            LocalDate date = date(at, day, year);
            if (!isWeekend(date)) {
                throw new IllegalStateException(at + ": " + date + " is not a Saturday or Sunday");
            }
            working.add(date);
        }
        for (LocalDate d : working) {
            if (holidays.containsKey(d)) {
                throw new IllegalStateException(source + ": " + d + " is both a holiday and a working weekend");
            }
        }
    }

    private static LocalDate date(String at, JsonNode value, int year) {
        try {
            LocalDate date = LocalDate.parse(value.asText());
            if (date.getYear() != year) {
                throw new IllegalStateException(at + ": " + date + " is not in " + year);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(at + ": '" + value.asText() + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    public boolean isWorkingDay(LocalDate date) {
        if (workingWeekends.contains(date)) {
            return true;
        }
        return !holidays.containsKey(date) && !isWeekend(date);
    }

    /** The holiday's name ("春节"), or null if the day is not a public holiday. */
    public String holiday(LocalDate date) {
        return holidays.get(date);
    }

    /** Whether the State Council's calendar for the date's year is on file (otherwise only weekends are known). */
    public boolean isPublished(LocalDate date) {
        return years.contains(date.getYear());
    }

    public SortedSet<Integer> years() {
        return years;
    }

    /** The last day of a limit of {@code workingDays} counted from {@code accepted} (see the class comment). */
    public LocalDate dueDate(LocalDate accepted, int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("a time limit cannot be negative: " + workingDays);
        }
        if (workingDays == 0) {
            return nextWorkingDayFrom(accepted);
        }
        return addWorkingDays(accepted, workingDays);
    }

    /** The {@code n}-th working day after {@code day} (n ≥ 1). */
    public LocalDate addWorkingDays(LocalDate day, int n) {
        LocalDate d = day;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** {@code day} itself if it is a working day, otherwise the next one. */
    public LocalDate nextWorkingDayFrom(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /**
     * Working days after {@code from} up to and including {@code to}: 0 for the same day, negative when {@code to}
     * is earlier. How long a case took (accepted → finished), or how many days it has left (today → due date).
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }
}
