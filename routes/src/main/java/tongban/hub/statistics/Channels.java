package tongban.hub.statistics;

import org.springframework.stereotype.Component;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.halls.Halls;
import tongban.hub.web.BeijingTime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts the channel figures of a range ({@link ChannelFigures}) from the platform's own records. */
@Component
class Channels {

    private final ChannelStore store;
    private final Halls halls;
    private final WorkingCalendar calendar;
    private final ServiceRegistry registry;

    Channels(ChannelStore store, Halls halls, WorkingCalendar calendar, ServiceRegistry registry) {
        this.store = store;
        this.halls = halls;
        this.calendar = calendar;
        this.registry = registry;
    }

    ChannelFigures count(LocalDate from, LocalDate to) {
        Map<String, Long> byChannel = store.applicationsByChannel(from, to);
        long online = byChannel.getOrDefault("ONLINE", 0L) + byChannel.getOrDefault("MOBILE", 0L);
        ChannelFigures.Applications applications = new ChannelFigures.Applications(online,
                byChannel.getOrDefault("MOBILE", 0L), byChannel.getOrDefault("WINDOW", 0L),
                byChannel.getOrDefault("HOTLINE", 0L));

        int workingDays = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            workingDays += calendar.isWorkingDay(d) ? 1 : 0;
        }

        ChannelStore.Counts intake = store.windowIntake(from, to);
        ChannelStore.Counts finished = store.finishedByWindow(from, to);
        ChannelStore.Counts ratings = store.ratingsByWindowAndStaff(from, to);
        ChannelStore.Counts appointments = store.appointmentsByHall(from, to,
                LocalDate.now(BeijingTime.ZONE));

        Map<String, long[]> windows = new LinkedHashMap<>(); // received, finished, early, overdue, ratings, good, bad
        Map<String, long[]> staff = new LinkedHashMap<>();   // received, ratings, good, bad
        Map<String, String> staffWindow = new LinkedHashMap<>();
        intake.byKey.forEach((key, n) -> {
            String[] parts = key.split("\\|", 2);
            windows.computeIfAbsent(parts[0], w -> new long[7])[0] += n[0];
            if (!"null".equals(parts[1])) {
                staff.computeIfAbsent(parts[1], s -> new long[4])[0] += n[0];
                staffWindow.putIfAbsent(parts[1], parts[0]);
            }
        });
        finished.byKey.forEach((window, n) -> {
            long[] w = windows.computeIfAbsent(window, k -> new long[7]);
            w[1] += n[0];
            w[2] += n[1];
            w[3] += n[2];
        });
        ratings.byKey.forEach((key, n) -> {
            String[] parts = key.split("\\|", 2);
            long[] w = windows.computeIfAbsent(parts[0], k -> new long[7]);
            w[4] += n[0];
            w[5] += n[1];
            w[6] += n[2];
            if (!"null".equals(parts[1])) {
                long[] s = staff.computeIfAbsent(parts[1], k -> new long[4]);
                s[1] += n[0];
                s[2] += n[1];
                s[3] += n[2];
            }
        });

        List<ChannelFigures.WindowLine> windowLines = new ArrayList<>();
        windows.forEach((code, n) -> windowLines.add(new ChannelFigures.WindowLine(code, halls.windowName(code), n[0],
                n[1], n[2], n[3], n[4], n[5], n[6], Figures.percent(n[5], n[4]), Figures.percent(n[4], n[1]))));
        windowLines.sort(Comparator.comparing(ChannelFigures.WindowLine::window));
        List<ChannelFigures.StaffLine> staffLines = new ArrayList<>();
        staff.forEach((who, n) -> staffLines.add(new ChannelFigures.StaffLine(who,
                halls.windowName(staffWindow.get(who)), n[0], n[1], n[2], n[3], Figures.percent(n[2], n[1]))));
        staffLines.sort(Comparator.comparing(ChannelFigures.StaffLine::staff));

        List<ChannelFigures.HallLine> hallLines = new ArrayList<>();
        long booked = 0;
        long kept = 0;
        long notKept = 0;
        for (Halls.Hall hall : halls.all()) {
            long hallIntake = hall.windows().stream().mapToLong(w -> windows.getOrDefault(w.code(), new long[7])[0])
                    .sum();
            long[] a = appointments.byKey.getOrDefault(hall.id(), new long[3]);
            booked += a[0];
            kept += a[1];
            notKept += a[2];
            hallLines.add(new ChannelFigures.HallLine(hall.id(), hall.name(), hallIntake, workingDays == 0 ? null
                    : BigDecimal.valueOf(hallIntake).divide(BigDecimal.valueOf(workingDays), 2, RoundingMode.HALF_UP),
                    a[0], a[1], a[2]));
        }

        ChannelStore.Counts results = store.resultsByDepartment(from, to);
        long posted = 0;
        long collected = 0;
        List<ChannelFigures.DepartmentResults> byDepartment = new ArrayList<>();
        for (Map.Entry<String, long[]> e : results.byKey.entrySet()) {
            posted += e.getValue()[0];
            collected += e.getValue()[1];
            byDepartment.add(new ChannelFigures.DepartmentResults(e.getKey(), registry.title(e.getKey()),
                    e.getValue()[0], e.getValue()[1]));
        }
        byDepartment.sort(Comparator.comparing(ChannelFigures.DepartmentResults::department));
        long[] p = store.pledges(from, to);
        return new ChannelFigures(applications, new ChannelFigures.Appointments(booked, kept, notKept),
                new ChannelFigures.Results(posted, collected), new ChannelFigures.Pledges(p[0], p[1], p[2], p[3]),
                workingDays, hallLines, windowLines, staffLines, byDepartment);
    }
}
