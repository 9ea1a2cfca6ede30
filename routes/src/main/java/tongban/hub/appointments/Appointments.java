package tongban.hub.appointments;

import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.adapters.support.ResidentIdNumber;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.halls.Halls;
import tongban.hub.web.BeijingTime;
import tongban.sso.identity.Caller;
import tongban.sso.identity.RealNameLevel;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 网上预约: a signed-in person (real-name level 2 or more) books a place in a hall's half-hour slot for an item or a
 * bundle some window of the hall takes in, sees and cancels it up to the hall's cut-off; the hall's staff see the
 * day's bookings in order and check people in, which links the booking to the case the window takes in. Slots are
 * the hall's opening hours on working days of the calendar (none on a holiday, slots on a 调休 Saturday). A booking
 * whose day passes without a check-in is a no-show; the hall's rule (so many within so many days) blocks booking for
 * a while, and the person is told why and until when.
 */
@Service
public class Appointments {

    /** A slot as the booking page shows it. */
    public record SlotView(LocalDate day, LocalTime startsAt, LocalTime endsAt, int places, int free) {
    }

    /** A working day's slots, with its words ("12月7日 星期一", and 调休上班 where it is one). */
    public record DayView(LocalDate day, String words, List<SlotView> slots) {
    }

    /** What a booking asks for. */
    public record Booking(String hall, LocalDate day, LocalTime startsAt, String offerKind, String offerId,
                          String channel) {
    }

    /** A booking as people read it. */
    public record View(long id, String hall, String hallName, String hallAddress, LocalDate day, LocalTime startsAt,
                       LocalTime endsAt, String offerKind, String offerId, String offerTitle, String status,
                       String statusWords, boolean cancellable, String cancelUntil, String personName,
                       String maskedIdNumber, String windowName, String caseNumber) {
    }

    private static final Set<String> CHANNELS = Set.of("ONLINE", "MOBILE");
    private static final String[] WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

    private final AppointmentStore store;
    private final Halls halls;
    private final WorkingCalendar calendar;
    private final Offers offers;
    private final TransactionTemplate tx;
    private final Clock clock;

    Appointments(AppointmentStore store, Halls halls, WorkingCalendar calendar, Offers offers,
                 TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.halls = halls;
        this.calendar = calendar;
        this.offers = offers;
        this.tx = tx;
        this.clock = clock;
        checkWhatWindowsTake(halls, offers.fileIds());
    }

    /** Every window takes in items and bundles that exist: a typo in the halls file stops the start, named. */
    static void checkWhatWindowsTake(Halls halls, Set<String> known) {
        for (Halls.Window w : halls.windows()) {
            for (String taken : w.takes()) {
                if (!known.contains(taken)) {
                    throw new IllegalStateException("halls/halls.yaml: window " + w.code() + " takes '" + taken
                            + "', which is neither an item (cases/items) nor a bundle (cases/bundles)");
                }
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(now(), BeijingTime.ZONE);
    }

    /** The halls that take appointments for this item or bundle (by 实施编码 or bundle id). */
    public List<Halls.Hall> hallsFor(String offerKind, String offerId) {
        String file = offers.find(offerKind, offerId).map(Offers.Offered::fileId).orElse(null);
        return halls.all().stream().filter(Halls.Hall::takesAppointments)
                .filter(h -> !h.windowsTaking(file).isEmpty()).toList();
    }

    /** The hall's bookable days from tomorrow on, each with its slots and the places still free. */
    public List<DayView> days(String hallId) {
        Halls.Hall hall = bookableHall(hallId);
        Halls.AppointmentRules rules = hall.appointments();
        LocalDate first = today().plusDays(1);
        LocalDate last = today().plusDays(rules.daysAhead());
        Map<Appointment.Slot, Integer> taken = store.taken(hall.id(), first, last);
        List<DayView> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            List<SlotView> slots = new ArrayList<>();
            for (LocalTime start : rules.slotStarts()) {
                int booked = taken.getOrDefault(new Appointment.Slot(hall.id(), day, start), 0);
                slots.add(new SlotView(day, start, start.plus(rules.slotLength()), rules.places(),
                        Math.max(0, rules.places() - booked)));
            }
            days.add(new DayView(day, words(day), slots));
        }
        return days;
    }

    private String words(LocalDate day) {
        String words = day.getMonthValue() + "月" + day.getDayOfMonth() + "日 " + WEEKDAYS[day.getDayOfWeek().ordinal()];
        return day.getDayOfWeek().getValue() >= 6 ? words + "（调休上班）" : words;
    }

    /**
     * Books a place: the person's level, the hall, the slot (a working day within reach, one of the hall's slot
     * times), the no-show rule and one open booking per item are checked first; the place is then taken by the
     * slot's conditional update and the booking written in the same transaction.
     *
     * @throws AppointmentFailure in words, with its code
     */
    public View book(Caller caller, String name, Booking booking) {
        if (!caller.isCitizen() || caller.idNumber() == null) {
            throw new AppointmentFailure(HttpStatus.FORBIDDEN, "NOT_AN_APPLICANT", "只有实名认证的个人或企业经办人可以预约",
                    "only a citizen with an id number books appointments");
        }
        if (!caller.realNameLevel().atLeast(RealNameLevel.SELF_DECLARED)) {
            throw new AppointmentFailure(HttpStatus.FORBIDDEN, "REAL_NAME_LEVEL_TOO_LOW",
                    "网上预约需要实名认证二级及以上，请先完成实名核验", "booking needs real-name level 2");
        }
        String channel = booking.channel() == null ? "ONLINE" : booking.channel().strip().toUpperCase();
        if (!CHANNELS.contains(channel)) {
            throw AppointmentFailure.invalid("预约渠道不正确", "channel must be one of " + CHANNELS);
        }
        if (booking.hall() == null || booking.day() == null || booking.startsAt() == null) {
            throw AppointmentFailure.invalid("请选择大厅和预约时段", "hall, day and startsAt are required");
        }
        Halls.Hall hall = bookableHall(booking.hall());
        Offers.Offered offered = offered(booking.offerKind(), booking.offerId());
        String title = offered.title();
        if (hall.windowsTaking(offered.fileId()).isEmpty()) {
            throw new AppointmentFailure(HttpStatus.BAD_REQUEST, "NOT_TAKEN_AT_HALL", hall.name() + "不受理「" + title
                    + "」，请选择其他大厅", "no window of hall " + hall.id() + " takes this item or bundle");
        }
        Appointment.Slot slot = new Appointment.Slot(hall.id(), booking.day(), booking.startsAt());
        checkSlot(hall, slot);
        noShowRule(caller.idNumber(), hall);
        if (store.holdsBooking(caller.idNumber(), booking.offerKind(), booking.offerId(), today())) {
            throw new AppointmentFailure(HttpStatus.CONFLICT, "ALREADY_BOOKED", "您已预约「" + title
                    + "」，如需改约请先取消原预约", "the person already holds a booking for this item or bundle");
        }
        store.ensureSlot(slot, hall.appointments().places());
        Appointment made = new Appointment(0, slot, new Appointment.Offer(booking.offerKind(), booking.offerId(), title),
                new Appointment.Person(caller.subject(), caller.idNumber(), name), channel, AppointmentStatus.BOOKED,
                now(), null, null);
        Long id = tx.execute(status -> {
            if (!store.takePlace(slot)) {
                return null;
            }
            return store.insert(made);
        });
        if (id == null) {
            throw new AppointmentFailure(HttpStatus.CONFLICT, "SLOT_FULL", "该时段已约满，请选择其他时段",
                    "every place of this slot is taken");
        }
        return view(store.find(id).orElseThrow());
    }

    private Halls.Hall bookableHall(String hallId) {
        Halls.Hall hall = halls.hall(hallId).orElseThrow(() -> new AppointmentFailure(HttpStatus.NOT_FOUND,
                "UNKNOWN_HALL", "没有这个大厅", "there is no hall '" + hallId + "'"));
        if (!hall.takesAppointments()) {
            throw new AppointmentFailure(HttpStatus.BAD_REQUEST, "NO_APPOINTMENTS_AT_HALL", hall.name()
                    + "暂不接受网上预约，可直接前往办理", "hall " + hallId + " takes no appointments");
        }
        return hall;
    }

    private void checkSlot(Halls.Hall hall, Appointment.Slot slot) {
        Halls.AppointmentRules rules = hall.appointments();
        LocalDate today = today();
        if (!slot.day().isAfter(today) || slot.day().isAfter(today.plusDays(rules.daysAhead()))) {
            throw new AppointmentFailure(HttpStatus.BAD_REQUEST, "NO_SUCH_SLOT", "只能预约明天起" + rules.daysAhead()
                    + "天内的时段", "the day must be within the next " + rules.daysAhead() + " days");
        }
        if (!calendar.isWorkingDay(slot.day())) {
            String holiday = calendar.holiday(slot.day());
            throw new AppointmentFailure(HttpStatus.BAD_REQUEST, "NO_SUCH_SLOT", words(slot.day()) + "是"
                    + (holiday == null ? "休息日" : holiday + "假期") + "，大厅不办公", slot.day() + " is not a working day");
        }
        if (!rules.slotStarts().contains(slot.startsAt())) {
            throw new AppointmentFailure(HttpStatus.BAD_REQUEST, "NO_SUCH_SLOT", "没有这个预约时段",
                    slot.startsAt() + " is not a slot of hall " + hall.id());
        }
    }

    /** The hall's rule for bookings not kept, applied and explained: how many, within what, blocked until when. */
    private void noShowRule(String idNumber, Halls.Hall hall) {
        Halls.NoShowRule rule = hall.appointments().noShows();
        if (rule == null) {
            return;
        }
        LocalDate today = today();
        store.markNoShowsBefore(today);
        List<LocalDate> missed = store.noShowDays(idNumber, hall.id(),
                today.minusDays(rule.withinDays() + rule.blockedDays()));
        if (missed.size() < rule.count()) {
            return;
        }
        // blocked from the latest miss that made the count within the period, for the days the rule says
        LocalDate latest = missed.get(0);
        long within = missed.stream().filter(d -> !d.isBefore(latest.minusDays(rule.withinDays()))).count();
        LocalDate allowedFrom = latest.plusDays(rule.blockedDays());
        if (within >= rule.count() && allowedFrom.isAfter(today)) {
            throw new AppointmentFailure(HttpStatus.FORBIDDEN, "APPOINTMENTS_BLOCKED", "您在" + rule.withinDays()
                    + "天内有" + within + "次预约未到，按" + hall.name() + "的规定" + rule.blockedDays()
                    + "天内不能预约，" + allowedFrom.getMonthValue() + "月" + allowedFrom.getDayOfMonth()
                    + "日起可再预约。您仍可直接到窗口办理。", within + " no-shows within " + rule.withinDays()
                    + " days: booking blocked until " + allowedFrom);
        }
    }

    /** The person's bookings, latest first. */
    public List<View> mine(Caller caller) {
        if (caller.idNumber() == null) {
            return List.of();
        }
        store.markNoShowsBefore(today());
        return store.ofPerson(caller.idNumber(), 50).stream().map(this::view).toList();
    }

    /** Cancels the person's own booking up to the hall's cut-off; the place is free again at once. */
    public void cancel(Caller caller, long id) {
        Appointment a = store.find(id).filter(x -> caller.idNumber() != null
                && x.person().idNumber().equals(caller.idNumber())).orElseThrow(() -> AppointmentFailure.notFound(id));
        if (a.status() != AppointmentStatus.BOOKED) {
            throw AppointmentFailure.conflict("该预约" + a.status().words() + "，不能取消", "the booking is " + a.status());
        }
        if (!now().isBefore(cancelDeadline(a))) {
            throw new AppointmentFailure(HttpStatus.CONFLICT, "TOO_LATE_TO_CANCEL", "已过取消时限（预约时段开始前"
                    + rules(a).cancelBeforeMinutes() + "分钟），如不能前往将计为爽约", "past the cut-off");
        }
        Boolean done = tx.execute(status -> {
            if (!store.cancel(id, now())) {
                return false;
            }
            store.releasePlace(a.slot());
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            throw AppointmentFailure.conflict("该预约已变更，请刷新后再试", "the booking changed meanwhile");
        }
    }

    private Halls.AppointmentRules rules(Appointment a) {
        return halls.hall(a.slot().hall()).map(Halls.Hall::appointments).orElseThrow();
    }

    private Instant cancelDeadline(Appointment a) {
        return LocalDateTime.of(a.slot().day(), a.slot().startsAt()).atZone(BeijingTime.ZONE).toInstant()
                .minusSeconds(60L * rules(a).cancelBeforeMinutes());
    }

    /**
     * Today's bookings at the staff member's hall for what their window takes in: those checked in and still waiting
     * for their case first (by their time), then the rest by slot.
     */
    public List<View> today(Caller caller) {
        Halls.Window window = staffWindow(caller);
        String code = window.code();
        return store.ofHallOn(window.hallId(), today()).stream()
                .filter(a -> windowTakes(window, a) || code.equals(
                        a.checkIn() == null ? null : a.checkIn().window()))
                .filter(a -> a.status() != AppointmentStatus.CANCELLED)
                .sorted(Comparator.comparing((Appointment a) -> !(a.status() == AppointmentStatus.CHECKED_IN
                                && a.checkIn().caseNumber() == null))
                        .thenComparing(a -> a.slot().startsAt()).thenComparing(Appointment::bookedAt))
                .map(this::view).toList();
    }

    /** Checks the person in at the staff member's window: today's booking at their hall, still booked. */
    public View checkIn(Caller caller, long id) {
        Halls.Window window = staffWindow(caller);
        Appointment a = store.find(id).filter(x -> x.slot().hall().equals(window.hallId())
                && x.slot().day().equals(today())).orElseThrow(() -> new AppointmentFailure(HttpStatus.NOT_FOUND,
                "APPOINTMENT_NOT_FOUND", "本大厅今天没有这个预约", "no appointment " + id + " at this hall today"));
        if (!store.checkIn(id, now(), "staff:" + caller.username(), window.code())) {
            throw AppointmentFailure.conflict("该预约" + a.status().words() + "，不能签到", "the booking is " + a.status());
        }
        return view(store.find(id).orElseThrow());
    }

    /** The case the window took in for a checked-in person. */
    public void linkCase(Caller caller, long id, String caseNumber) {
        Halls.Window window = staffWindow(caller);
        Appointment a = store.find(id).filter(x -> x.checkIn() != null && window.code().equals(x.checkIn().window()))
                .orElseThrow(() -> AppointmentFailure.notFound(id));
        if (!store.linkCase(a.id(), caseNumber)) {
            throw AppointmentFailure.conflict("该预约已关联办件", "appointment " + id + " already has its case");
        }
    }

    /** A booking this staff member's window has checked in and not yet taken its case: who and for what. */
    public Appointment checkedIn(Caller caller, long id) {
        Halls.Window window = staffWindow(caller);
        return store.find(id).filter(x -> x.checkIn() != null && window.code().equals(x.checkIn().window())
                && x.checkIn().caseNumber() == null).orElseThrow(() -> AppointmentFailure.notFound(id));
    }

    private Halls.Window staffWindow(Caller caller) {
        if (!caller.isStaff() || caller.serviceWindow() == null) {
            throw new AppointmentFailure(HttpStatus.FORBIDDEN, "NO_SERVICE_WINDOW", "只有窗口工作人员可以办理签到",
                    "only staff with a service window check people in");
        }
        return halls.window(caller.serviceWindow()).orElseThrow(() -> new AppointmentFailure(HttpStatus.FORBIDDEN,
                "NO_SERVICE_WINDOW", "您的窗口不在大厅名录中，请联系管理员", "window " + caller.serviceWindow()
                + " is not in halls/halls.yaml"));
    }

    /** Bookings whose day has passed without a check-in become no-shows (also checked before every booking). */
    @Scheduled(initialDelayString = "30s", fixedDelayString = "${tongban.appointments.no-show-sweep:1h}")
    public void markNoShows() {
        store.markNoShowsBefore(today());
    }

    private Offers.Offered offered(String kind, String id) {
        if (kind == null || id == null || !(kind.equals("item") || kind.equals("bundle"))) {
            throw AppointmentFailure.invalid("请选择要办理的事项", "offerKind must be item or bundle, with its id");
        }
        return offers.find(kind, id).orElseThrow(() -> new AppointmentFailure(HttpStatus.NOT_FOUND,
                "ITEM_NOT_APPLICABLE", "没有这个事项", "no " + kind + " '" + id + "'"));
    }

    private boolean windowTakes(Halls.Window window, Appointment a) {
        return offers.find(a.offer().kind(), a.offer().id()).map(o -> window.takes(o.fileId())).orElse(false);
    }

    View view(Appointment a) {
        Halls.Hall hall = halls.hall(a.slot().hall()).orElseThrow();
        Instant deadline = cancelDeadline(a);
        LocalDateTime until = LocalDateTime.ofInstant(deadline, BeijingTime.ZONE);
        return new View(a.id(), hall.id(), hall.name(), hall.address(), a.slot().day(), a.slot().startsAt(),
                a.slot().startsAt().plus(hall.appointments().slotLength()), a.offer().kind(), a.offer().id(),
                a.offer().title(), a.status().name(), a.status().words(),
                a.status() == AppointmentStatus.BOOKED && now().isBefore(deadline),
                until.toLocalDate() + " " + until.toLocalTime(), a.person().name(),
                ResidentIdNumber.mask(a.person().idNumber()),
                a.checkIn() == null ? null : halls.windowName(a.checkIn().window()),
                a.checkIn() == null ? null : a.checkIn().caseNumber());
    }

    /** Per hall and day: booked, kept, not kept, cancelled — the source's "网上预约 … 人次". */
    public List<AppointmentFigures> figures(LocalDate from, LocalDate to) {
        store.markNoShowsBefore(today());
        return store.figures(from, to);
    }
}
